using System.Text.Encodings.Web;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Accounts;

/// <summary>
/// <c>Authorization: Bearer adt_…</c>: signs the request in as the token's user with the same claims a cookie
/// sign-in gives (the app's claims factory: billing account, roles). A bad token fails the request, it never falls
/// back to the cookie; the challenge is a 401 problem document, the forbid a 403 one, never a redirect.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IUserClaimsPrincipalFactory<DashboardUser> claimsFactory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (user is null)
        {
            // The reason (unknown, revoked, disabled, locked out) is not the caller's to learn.
            return AuthenticateResult.Fail("The API token is not valid.");
        }

        var principal = await claimsFactory.CreateAsync(user);

        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750: a token was presented (this handler only runs for one) and refused.
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";

        return ProblemDocuments.WriteAuthenticationProblemAsync(Context, StatusCodes.Status401Unauthorized, ProblemDocuments.InvalidTokenDetail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemDocuments.WriteAuthenticationProblemAsync(Context, StatusCodes.Status403Forbidden);

    /// <summary>True when the request carries <c>Authorization: Bearer …</c>, whatever follows.</summary>
    public static bool HasBearer(HttpRequest request) => TryReadBearer(request, out _);

    private static bool TryReadBearer(HttpRequest request, out string token)
    {
        token = "";
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = header[BearerPrefix.Length..].Trim();

        return true;
    }
}
