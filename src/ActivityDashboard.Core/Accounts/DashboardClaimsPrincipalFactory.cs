using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Accounts;

/// <summary>
/// Builds a signed-in user's principal: Identity's id, name, roles and security stamp, plus the billing account.
/// Runs at sign-in and again at every security-stamp check, so the claims follow the database.
/// </summary>
internal sealed class DashboardClaimsPrincipalFactory(
    UserManager<DashboardUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<DashboardUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DashboardUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DashboardClaimTypes.BillingAccount, user.BillingAccountId));

        return identity;
    }
}
