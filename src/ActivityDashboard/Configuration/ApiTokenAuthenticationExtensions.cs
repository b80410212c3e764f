using ActivityDashboard.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ActivityDashboard.Configuration;

/// <summary>
/// Personal API tokens on <c>/api/v1</c>: the default scheme becomes a selector that sends requests to the API with
/// an <c>Authorization: Bearer</c> header to the token handler and everything else to the session cookie. Pages
/// therefore stay cookie-only: a token never opens the UI.
/// </summary>
public static class ApiTokenAuthenticationExtensions
{
    public const string SelectorScheme = "CookieOrApiToken";

    public static AuthenticationBuilder AddApiTokenAuthentication(this AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);

        authentication.Services.Configure<AuthenticationOptions>(options => options.DefaultScheme = SelectorScheme);

        return authentication
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, configureOptions: null)
            .AddPolicyScheme(SelectorScheme, "Session cookie, or an API token on /api/v1", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
                    && ApiTokenAuthenticationHandler.HasBearer(context.Request)
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme);
    }
}
