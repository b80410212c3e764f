using System.Collections.Concurrent;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;

namespace ActivityDashboard.Core.Fakes;

/// <summary>
/// An in-process <see cref="IActivityUsagePort"/> over calls handed to it, for tests and the demo mode. Keeps the
/// port's contract exactly (half-open window, de-duplication, ordering) and can be told to fail or answer slowly.
/// Safe to call concurrently.
/// </summary>
/// <remarks>
/// Each account's calls are kept in an array sorted by start time (ties in the order they were added) and replaced
/// whole on every <see cref="Add"/>, so readers work lock-free on a snapshot and a window read is a binary search.
/// </remarks>
public sealed class FakeUsageAdapter(TimeProvider timeProvider) : IActivityUsagePort
{
    private readonly ConcurrentDictionary<string, UsageEvent[]> _eventsByAccount = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeUsageCall> _calls = new();
    private readonly Lock _writeLock = new();

    /// <summary>When set, every call throws <see cref="UsageSourceException"/> of this kind.</summary>
    public UsageSourceFailure? Failure { get; set; }

    /// <summary>Every call waits this long first (on the injected clock), honouring cancellation.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The calls made so far, in order.</summary>
    public IReadOnlyList<FakeUsageCall> Calls => [.. _calls];

    /// <summary>Adds calls of one account. Safe while other threads read.</summary>
    public void Add(string accountId, IEnumerable<UsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(events);

        var added = events.Select(e => e with { StartTime = e.StartTime.ToUniversalTime() }).ToArray();
        if (added.Length == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            var existing = _eventsByAccount.GetValueOrDefault(accountId, []);

            // OrderBy is stable, so calls with the same start time keep the order they were added in.
            var merged = existing.Length > 0 && added.All(e => e.StartTime >= existing[^1].StartTime)
                ? [.. existing, .. added.OrderBy(e => e.StartTime)]
                : existing.Concat(added).OrderBy(e => e.StartTime).ToArray();
            _eventsByAccount[accountId] = merged;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageEvent>> GetUsageAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        (from, to) = UsageWindowArguments.Check(accountId, from, to);
        _calls.Enqueue(new FakeUsageCall(accountId, from, to));

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, timeProvider, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Failure is { } failure)
        {
            throw new UsageSourceException(failure, $"The fake usage source was told to fail with {failure}.");
        }

        if (!_eventsByAccount.TryGetValue(accountId, out var events))
        {
            return [];
        }

        var result = new List<UsageEvent>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = LowerBound(events, from); i < events.Length && events[i].StartTime < to; i++)
        {
            // First wins (the earliest start); calls with an empty id are separate calls.
            if (events[i].CallId.Length == 0 || seenIds.Add(events[i].CallId))
            {
                result.Add(events[i]);
            }
        }

        return result;
    }

    // The index of the first call starting at or after 'from'.
    private static int LowerBound(UsageEvent[] events, DateTimeOffset from)
    {
        var low = 0;
        var high = events.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (events[middle].StartTime < from)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>One call made to <see cref="FakeUsageAdapter"/>.</summary>
public sealed record FakeUsageCall(string AccountId, DateTimeOffset From, DateTimeOffset To);
