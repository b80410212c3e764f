using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// Checks and parses a reconciliation request (API, export and page alike): operators only, then the account (absent
/// or empty means every account), then the range, step and zone by the rules and errors of <c>/api/v1/activity</c>.
/// </summary>
internal static class ReconciliationRequest
{
    /// <summary>Why a reconciliation request was refused.</summary>
    public enum Refusal
    {
        /// <summary>The user is not an operator (403 <c>forbidden</c>).</summary>
        NotOperator,

        /// <summary>The account, range, step or zone is not valid (400, see the error).</summary>
        InvalidInput,
    }

    /// <summary>True when <paramref name="user"/> is a signed-in operator.</summary>
    public static bool IsOperator(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(DashboardRoles.Operator);

    public static bool TryParse(
        ClaimsPrincipal user,
        string? account,
        ActivityQueryInput input,
        DateTimeOffset now,
        [NotNullWhen(true)] out ActivityQuery? query,
        out string? accountId,
        out Refusal refusal,
        out ActivityQueryError? error)
    {
        ArgumentNullException.ThrowIfNull(user);
        query = null;
        accountId = null;
        error = null;
        refusal = Refusal.NotOperator;

        // Operators only, and this check comes first: anyone else learns nothing, not even whether the input was valid.
        if (!IsOperator(user))
        {
            return false;
        }

        refusal = Refusal.InvalidInput;
        accountId = string.IsNullOrEmpty(account) ? null : account;
        if (accountId is not null && !BillingAccountId.IsValid(accountId))
        {
            error = new ActivityQueryError(
                ProblemDocuments.InvalidAccount,
                "The account is not valid: use 1 to 128 of the characters A-Z a-z 0-9 . _ : @ -, or leave it out for every account.");

            return false;
        }

        // The parser needs an account; for "every account" the operator's own stands in and is replaced per account.
        var placeholder = accountId ?? user.FindFirst(DashboardClaimTypes.BillingAccount)?.Value ?? "all";
        if (!ActivityQueryParser.TryParse(input with { GroupBy = null, Limit = null }, placeholder, now, out query, out var parseError))
        {
            error = parseError;

            return false;
        }

        return true;
    }

    /// <summary>The problem document of a refusal.</summary>
    public static IResult Problem(Refusal refusal, ActivityQueryError? error) =>
        refusal == Refusal.NotOperator || error is null
            ? ProblemDocuments.Forbidden("Reconciliation is for operators only.")
            : ProblemDocuments.BadRequest(error);
}
