using System.Data.Common;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// The operators' reconciliation (spec section 9): one account, or every account the <see cref="AccountDirectory"/>
/// knows (users and receipts), each read and joined exactly as <see cref="ActivityService"/> reads it for
/// <c>/activity</c>.
/// </summary>
/// <remarks>
/// The telemetry port reads one account (LiteLLM <c>end_user</c>) at a time, so "all accounts" is one read per
/// account, one after the other (each read already runs its LiteLLM pages concurrently). Any failure fails the whole
/// answer: there are never partial numbers.
/// </remarks>
public sealed class ReconciliationService(ActivityService activityService, AccountDirectory accountDirectory)
{
    /// <summary>
    /// Reconciles <paramref name="query"/>'s window: for <paramref name="accountId"/>, or for every known account when
    /// it is null (then <c>query.AccountId</c> is ignored).
    /// </summary>
    /// <exception cref="Ports.UsageSourceException">LiteLLM could not answer in full.</exception>
    /// <exception cref="ReceiptsUnavailableException">The database could not be reached.</exception>
    public async Task<ReconciliationReport> ReconcileAsync(ActivityQuery query, string? accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (accountId is not null)
        {
            return await activityService.ReconcileAsync(query with { AccountId = accountId }, cancellationToken);
        }

        var accounts = await ListAccountsAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            // No account at all: an empty reconciliation on the right grid, and nothing read.
            return activityService.ReconcileNone(query);
        }

        var reports = new List<ReconciliationReport>(accounts.Count);
        foreach (var account in accounts)
        {
            reports.Add(await activityService.ReconcileAsync(query with { AccountId = account }, cancellationToken));
        }

        return ReconciliationCalculator.Merge(reports, accountId: null);
    }

    private async Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await accountDirectory.ListAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            throw new ReceiptsUnavailableException("The accounts could not be listed: the database could not be reached.", exception);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is DbException)
        {
            throw new ReceiptsUnavailableException("The accounts could not be listed: the database could not be reached.", exception);
        }
    }
}
