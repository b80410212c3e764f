using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using ActivityDashboard.Core.Accounts;

namespace ActivityDashboard.Accounts;

/// <summary>
/// The one place that decides which billing account a request sees. The account comes from the signed-in user's
/// claims (put there from the database at sign-in and refreshed at each security-stamp check), never from the
/// request alone: a non-operator may name only their own account; an operator may name any valid one.
/// </summary>
public static class AccountResolver
{
    public static bool TryResolve(
        ClaimsPrincipal user,
        string? requestedAccount,
        [NotNullWhen(true)] out ViewerAccount? viewer,
        out AccountResolutionFailure failure)
    {
        ArgumentNullException.ThrowIfNull(user);
        viewer = null;
        failure = AccountResolutionFailure.Forbidden;

        var own = user.FindFirst(DashboardClaimTypes.BillingAccount)?.Value;
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(own))
        {
            return false;
        }

        var isOperator = user.IsInRole(DashboardRoles.Operator);
        if (requestedAccount is null || string.Equals(requestedAccount, own, StringComparison.Ordinal))
        {
            viewer = new ViewerAccount(own, isOperator);

            return true;
        }

        // Anyone else's account: only operators, and only with a well-formed id. A non-operator gets 403 whatever
        // they typed, so the answer says nothing about which accounts exist.
        if (!isOperator)
        {
            return false;
        }

        if (!BillingAccountId.IsValid(requestedAccount))
        {
            failure = AccountResolutionFailure.InvalidAccount;

            return false;
        }

        viewer = new ViewerAccount(requestedAccount, IsOperator: true);

        return true;
    }
}
