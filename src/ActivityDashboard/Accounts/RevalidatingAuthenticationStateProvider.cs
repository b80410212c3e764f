using System.Security.Claims;
using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Accounts;

/// <summary>
/// The signed-in user of an open circuit, re-checked against the database every
/// <see cref="AccountsSessionOptions.RevalidationInterval"/>: a user disabled or whose security stamp changed (password
/// changed, sessions ended) since the circuit started becomes anonymous, so the page stops showing their data and
/// sends them to sign in.
/// </summary>
internal sealed partial class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<AccountsSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RevalidatingAuthenticationStateProvider>();

    // A zero interval would spin the revalidation loop; circuits are re-checked at most once a second.
    private static readonly TimeSpan s_minimumInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan RevalidationInterval =>
        options.Value.RevalidationInterval < s_minimumInterval ? s_minimumInterval : options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();

        var valid = await IsStillValidAsync(userManager, authenticationState.User);
        if (!valid)
        {
            Log.CircuitSessionEnded(_logger, userManager.GetUserId(authenticationState.User));
        }

        return valid;
    }

    /// <summary>True while the principal's user exists, is not disabled and has the security stamp it signed in with.</summary>
    internal static async Task<bool> IsStillValidAsync(UserManager<DashboardUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var signedInStamp = principal.FindFirstValue(userManager.Options.ClaimsIdentity.SecurityStampClaimType);
        var currentStamp = await userManager.GetSecurityStampAsync(user);

        return string.Equals(signedInStamp, currentStamp, StringComparison.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6200, EventName = "CircuitSessionEnded", Level = LogLevel.Information,
            Message = "An open page of user {UserId} was signed out: the user is gone, disabled, or their security stamp changed.")]
        public static partial void CircuitSessionEnded(ILogger logger, string? userId);
    }
}
