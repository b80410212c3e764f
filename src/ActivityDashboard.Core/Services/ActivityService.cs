using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// Answers activity questions: reads telemetry through <see cref="IActivityUsagePort"/> and receipts through
/// <see cref="IChargeReceiptStore"/>, joins them, and buckets the result on the viewer's wall-clock grid.
/// </summary>
public sealed class ActivityService(
    IActivityUsagePort usagePort,
    IChargeReceiptStore receiptStore,
    IOptions<BillingOptions> billingOptions,
    ILogger<ActivityService> logger)
{
    /// <summary>Computes the report for <paramref name="query"/>.</summary>
    /// <exception cref="UsageSourceException">LiteLLM could not answer in full.</exception>
    /// <exception cref="ReceiptsUnavailableException">The receipts database could not be reached.</exception>
    public Task<ActivityReport> GetActivityAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        _ = usagePort;
        _ = receiptStore;
        _ = billingOptions;
        _ = logger;
        throw new NotImplementedException();
    }
}
