using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using NodaTime;

namespace ActivityDashboard.Core.Services;

public sealed partial class ActivityService
{
    /// <summary>
    /// Reconciles the account of <paramref name="query"/> over its window from the same read and the same join as
    /// <see cref="GetActivityAsync"/>, so its requests, spend and provider cost are that report's exactly.
    /// </summary>
    /// <exception cref="Ports.UsageSourceException">LiteLLM could not answer in full.</exception>
    /// <exception cref="Receipts.ReceiptsUnavailableException">The receipts database could not be reached.</exception>
    internal async Task<ReconciliationReport> ReconcileAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(query, cancellationToken);
        var options = billingOptions.Value;
        var joined = CallReceiptJoin.Create(read.Calls, read.Receipts, read.CreditsPerUsd);

        return ReconciliationCalculator.Calculate(query, read.Zone, joined, options.Markup, options.MismatchTolerance);
    }

    /// <summary>The reconciliation of no account at all: <paramref name="query"/>'s grid with nothing in it, read from nowhere.</summary>
    internal ReconciliationReport ReconcileNone(ActivityQuery query)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(query.TimeZoneId)
            ?? throw new ArgumentException($"Unknown time zone '{query.TimeZoneId}'.", nameof(query));
        var options = billingOptions.Value;
        var nothing = CallReceiptJoin.Create([], [], options.CreditsPerUsd);

        return ReconciliationCalculator.Calculate(query, zone, nothing, options.Markup, options.MismatchTolerance)
            with { AccountId = null, Accounts = [] };
    }
}
