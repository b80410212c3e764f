using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Configuration;

/// <summary>Sign-in with Identity's cookie, and the rule that everything but the sign-in page needs it.</summary>
public static class SignInExtensions
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";

    public static WebApplicationBuilder AddActivitySignIn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Core registered users, roles and their stores; the web adds the sign-in manager and the cookie.
        new IdentityBuilder(typeof(DashboardUser), typeof(IdentityRole), builder.Services)
            .AddSignInManager<DashboardSignInManager>();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();

        // Scripts: Authorization: Bearer <token> on /api/v1 (pages stay cookie-only).
        builder.Services.AddAuthentication().AddApiTokenAuthentication();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "ActivityDashboard.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;

            // SameAsRequest keeps plain-HTTP development and tests working; Accounts:RequireSecureCookie forces Secure
            // behind a proxy that ends TLS (set below, once the options are bound).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.AccessDeniedPath = SignInPath;
            options.Events = new CookieAuthenticationEvents
            {
                // Pages go to the sign-in form and back; the API answers with a problem document, never a redirect.
                OnRedirectToLogin = context => IsApi(context.Request)
                    ? ProblemDocuments.WriteAuthenticationProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized)
                    : Redirect(context),
                OnRedirectToAccessDenied = context => IsApi(context.Request)
                    ? ProblemDocuments.WriteAuthenticationProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden)
                    : Redirect(context),
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
            };
        });

        // How often a session is checked against the database (disabled user, changed password, account or role):
        // cookie sessions at their next request after the interval, open page circuits on a timer.
        builder.Services.AddOptions<AccountsSessionOptions>()
            .Bind(builder.Configuration.GetSection(AccountsSessionOptions.SectionName))
            .Validate(o => o.RevalidationInterval >= TimeSpan.Zero, "Accounts:RevalidationInterval must not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountsSessionOptions>>((options, session) =>
            {
                if (session.Value.RequireSecureCookie)
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                }
            });
        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<AccountsSessionOptions>>((options, session) => options.ValidationInterval = session.Value.RevalidationInterval);
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        // Every endpoint and page needs a signed-in user unless it says [AllowAnonymous].
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddCascadingAuthenticationState();

        // The demo has users of its own, so scripts/run gives a dashboard one can sign in to.
        var mode = builder.Configuration.GetSection(UsageSourceOptions.SectionName).GetValue<UsageSourceMode?>(nameof(UsageSourceOptions.Mode));
        if (mode == UsageSourceMode.Demo)
        {
            builder.Services.AddHostedService<DemoUserSeeder>();
        }

        return builder;
    }

    /// <summary>Whether the request is for the API, which answers with problem documents rather than pages or redirects.</summary>
    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);

        return Task.CompletedTask;
    }
}
