using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Accounts;

/// <summary>Identity's sign-in manager, refusing disabled users (<see cref="DashboardUser.IsDisabled"/>).</summary>
internal sealed class DashboardSignInManager(
    UserManager<DashboardUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DashboardUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DashboardUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DashboardUser> confirmation)
    : SignInManager<DashboardUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);

        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<DashboardUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        // The periodic re-check of a session: a user disabled since sign-in loses it here, even if the stamp matched.
        var user = await base.ValidateSecurityStampAsync(principal);

        return user is { IsDisabled: false } ? user : null;
    }
}
