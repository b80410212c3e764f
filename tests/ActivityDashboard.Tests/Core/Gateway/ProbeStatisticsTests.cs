using ActivityDashboard.Core.Gateway;

namespace ActivityDashboard.Tests.Core.Gateway;

public sealed class ProbeStatisticsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 15, 10, 2, 0, TimeSpan.Zero);

    [Fact]
    public void LastHour_Probes_TwelveFiveMinuteBucketsEndingAfterNow()
    {
        var buckets = ProbeStatistics.LastHour([], s_now);

        buckets.Should().HaveCount(12);
        buckets[0].Start.Should().Be(new DateTimeOffset(2026, 11, 15, 9, 5, 0, TimeSpan.Zero));
        buckets[^1].Start.Should().Be(new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero));
        buckets.Should().OnlyContain(b => b.Probes == 0 && b.ErrorRate == null && b.P50 == null);
    }

    [Fact]
    public void LastHour_MixedProbes_PercentilesOfAnsweredAndShareOfFailed()
    {
        var bucketStart = new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero);
        var probes = Enumerable.Range(1, 20)
            .Select(i => new ProbeResult(bucketStart.AddSeconds(i), TimeSpan.FromMilliseconds(i * 10), ProbeOutcome.Success))
            .Append(new ProbeResult(bucketStart.AddSeconds(30), TimeSpan.FromSeconds(9), ProbeOutcome.Failure, "status 503"))
            .Append(new ProbeResult(bucketStart.AddSeconds(-1), TimeSpan.FromSeconds(7), ProbeOutcome.Slow))
            .ToList();

        var buckets = ProbeStatistics.LastHour(probes, s_now);

        var last = buckets[^1];
        last.Probes.Should().Be(21);
        last.Failures.Should().Be(1);
        last.ErrorRate.Should().BeApproximately(1 / 21.0, 1e-12);
        last.P50.Should().Be(TimeSpan.FromMilliseconds(100), "nearest rank 10 of 20 answered probes");
        last.P95.Should().Be(TimeSpan.FromMilliseconds(190), "nearest rank 19 of 20");
        last.P99.Should().Be(TimeSpan.FromMilliseconds(200), "the failed probe's 9 s is no latency");
        buckets[^2].Probes.Should().Be(1);
        buckets[^2].P99.Should().Be(TimeSpan.FromSeconds(7));
    }
}
