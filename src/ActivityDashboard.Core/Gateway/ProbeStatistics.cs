namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// The health page's numbers: probe results of the last hour in buckets, with latency percentiles (nearest rank, over
/// probes that got an answer: a refused connection says nothing about latency) and the share of failed probes.
/// </summary>
public static class ProbeStatistics
{
    public static readonly TimeSpan Span = TimeSpan.FromHours(1);

    public static readonly TimeSpan BucketLength = TimeSpan.FromMinutes(5);

    /// <summary>Twelve five-minute buckets in UTC, the last one holding <paramref name="now"/>; oldest first.</summary>
    public static IReadOnlyList<ProbeBucket> LastHour(IReadOnlyList<ProbeResult> probes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(probes);

        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % BucketLength.Ticks), TimeSpan.Zero) + BucketLength;
        var start = end - Span;
        var buckets = new List<ProbeBucket>();
        for (var bucketStart = start; bucketStart < end; bucketStart += BucketLength)
        {
            var bucketEnd = bucketStart + BucketLength;
            var inBucket = probes.Where(p => p.At >= bucketStart && p.At < bucketEnd).ToList();
            var answered = inBucket.Where(p => p.Outcome != ProbeOutcome.Failure).Select(p => p.Duration).Order().ToList();
            buckets.Add(new ProbeBucket(
                bucketStart,
                inBucket.Count,
                inBucket.Count - answered.Count,
                Percentile(answered, 50),
                Percentile(answered, 95),
                Percentile(answered, 99)));
        }

        return buckets;
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    internal static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, int percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);

        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

/// <summary>Five minutes of probes: how many, how many failed, and the latency percentiles of the answered ones (null when none answered).</summary>
public sealed record ProbeBucket(DateTimeOffset Start, int Probes, int Failures, TimeSpan? P50, TimeSpan? P95, TimeSpan? P99)
{
    /// <summary>Failed probes as a share of all, 0 to 1; null when there was no probe.</summary>
    public double? ErrorRate => Probes == 0 ? null : (double)Failures / Probes;
}
