using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Core.Ports;

public sealed class FakeUsageAdapterContractTests : UsagePortContractTests
{
    protected override Task<IActivityUsagePort> CreatePortAsync(IReadOnlyList<(string AccountId, UsageEvent Event)> calls)
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        foreach (var (accountId, usageEvent) in calls)
        {
            fake.Add(accountId, [usageEvent]);
        }

        return Task.FromResult<IActivityUsagePort>(fake);
    }

    protected override Task<IActivityUsagePort> CreateFailingPortAsync(UsageSourceFailure failure) =>
        Task.FromResult<IActivityUsagePort>(new FakeUsageAdapter(new FakeTimeProvider()) { Failure = failure });

    // The fake clock never advances, so the delay only ends through cancellation.
    protected override Task<IActivityUsagePort> CreateSlowPortAsync() =>
        Task.FromResult<IActivityUsagePort>(new FakeUsageAdapter(new FakeTimeProvider()) { Delay = TimeSpan.FromHours(1) });
}
