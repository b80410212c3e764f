using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;

namespace ActivityDashboard.Core.Fakes;

/// <summary>
/// An in-process <see cref="IActivityUsagePort"/> over calls handed to it, for tests and the demo mode. Keeps the
/// port's contract exactly (half-open window, de-duplication, ordering) and can be told to fail or answer slowly.
/// Safe to call concurrently.
/// </summary>
public sealed class FakeUsageAdapter(TimeProvider timeProvider) : IActivityUsagePort
{
    /// <summary>When set, every call throws <see cref="UsageSourceException"/> of this kind.</summary>
    public UsageSourceFailure? Failure { get; set; }

    /// <summary>Every call waits this long first (on the injected clock), honouring cancellation.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The calls made so far, in order.</summary>
    public IReadOnlyList<FakeUsageCall> Calls => throw new NotImplementedException();

    /// <summary>Adds calls of one account. Safe while other threads read.</summary>
    public void Add(string accountId, IEnumerable<UsageEvent> events)
    {
        _ = timeProvider;
        throw new NotImplementedException();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageEvent>> GetUsageAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        throw new NotImplementedException();
    }
}

/// <summary>One call made to <see cref="FakeUsageAdapter"/>.</summary>
public sealed record FakeUsageCall(string AccountId, DateTimeOffset From, DateTimeOffset To);
