using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;

namespace ActivityDashboard.Tests.Model;

public sealed class ActivityFormatTests
{
    [Fact]
    public void BucketLabels_SameTimeOnTwoDates_ShowTheDates()
    {
        // The last 24 hours at 15:20 in UTC: 15:00 (partial) on the 2nd, …, 15:00 (partial) on the 3rd.
        var buckets = Enumerable.Range(0, 25)
            .Select(i => Bucket(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero).AddHours(i), TimeSpan.FromHours(1), partial: i is 0 or 24))
            .ToList();

        var labels = ActivityFormat.BucketLabels(buckets, BucketStep.OneHour);

        labels[0].Should().Be("12-02 15:00*");
        labels[^1].Should().Be("12-03 15:00*");
        labels.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void BucketLabels_RepeatedHourOfFallBackNight_CarryTheirOffsets()
    {
        // Berlin, 25 Oct 2026: 01:00+02, 02:00+02, 02:00+01, 03:00+01.
        var plusTwo = TimeSpan.FromHours(2);
        var plusOne = TimeSpan.FromHours(1);
        List<ActivityBucket> buckets =
        [
            Bucket(new DateTimeOffset(2026, 10, 25, 1, 0, 0, plusTwo), TimeSpan.FromHours(1)),
            Bucket(new DateTimeOffset(2026, 10, 25, 2, 0, 0, plusTwo), TimeSpan.FromHours(1)),
            Bucket(new DateTimeOffset(2026, 10, 25, 2, 0, 0, plusOne), TimeSpan.FromHours(1)),
            Bucket(new DateTimeOffset(2026, 10, 25, 3, 0, 0, plusOne), TimeSpan.FromHours(1)),
        ];

        var labels = ActivityFormat.BucketLabels(buckets, BucketStep.OneHour);

        labels.Should().Equal("01:00", "02:00 (+02:00)", "02:00 (+01:00)", "03:00");
    }

    [Fact]
    public void BucketLabels_Days_UseTheLocalDate()
    {
        var kolkata = new TimeSpan(5, 30, 0);
        List<ActivityBucket> buckets =
        [
            Bucket(new DateTimeOffset(2026, 6, 1, 0, 0, 0, kolkata), TimeSpan.FromDays(1)),
            Bucket(new DateTimeOffset(2026, 6, 2, 0, 0, 0, kolkata), TimeSpan.FromDays(1)),
        ];

        ActivityFormat.BucketLabels(buckets, BucketStep.OneDay).Should().Equal("2026-06-01", "2026-06-02");
    }

    private static ActivityBucket Bucket(DateTimeOffset start, TimeSpan length, bool partial = false) =>
        new(start, start + length, partial, 0, 0, 0, 0m, 0m);
}
