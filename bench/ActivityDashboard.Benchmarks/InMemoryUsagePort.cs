using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;

namespace ActivityDashboard.Benchmarks;

/// <summary>Hands back a prepared list at no cost, so the benchmark times the calculation only.</summary>
internal sealed class InMemoryUsagePort(IReadOnlyList<UsageEvent> calls) : IActivityUsagePort
{
    public Task<IReadOnlyList<UsageEvent>> GetUsageAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken) => Task.FromResult(calls);
}
