using System.Globalization;
using ActivityDashboard.Core.Activity;
using NodaTime;

namespace ActivityDashboard.Tests.Core.Activity;

public sealed class BucketGridTests
{
    [Fact]
    public void Create_UtcAlignedHourInFiveMinutes_GivesTwelveFullBuckets()
    {
        var grid = Create("2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z", BucketStep.FiveMinutes, "UTC");

        grid.Count.Should().Be(12);
        Labels(grid).Should().StartWith("2026-03-05T09:00:00+00:00").And.EndWith("2026-03-05T09:55:00+00:00");
        Enumerable.Range(0, grid.Count).Should().OnlyContain(i => !grid.IsPartial(i));
        AssertContiguous(grid);
    }

    [Fact]
    public void Create_RangeCutsBothEnds_KeepsGridEdgesAndFlagsFirstAndLastPartial()
    {
        var grid = Create("2026-01-10T09:47:13Z", "2026-01-10T10:47:13Z", BucketStep.FiveMinutes, "UTC");

        grid.Count.Should().Be(13);
        grid.GetStart(0).Should().Be(At("2026-01-10T09:45:00Z"));
        grid.GetStart(12).Should().Be(At("2026-01-10T10:45:00Z"));
        grid.GetEnd(12).Should().Be(At("2026-01-10T10:50:00Z"));
        grid.IsPartial(0).Should().BeTrue();
        grid.IsPartial(12).Should().BeTrue();
        Enumerable.Range(1, 11).Should().OnlyContain(i => !grid.IsPartial(i));
        AssertContiguous(grid);
    }

    [Fact]
    public void Create_RangeInsideOneBucket_GivesOneBucketPartialAtBothEnds()
    {
        var grid = Create("2026-01-10T09:01:00Z", "2026-01-10T09:02:00Z", BucketStep.OneHour, "UTC");

        grid.Count.Should().Be(1);
        grid.GetStart(0).Should().Be(At("2026-01-10T09:00:00Z"));
        grid.GetEnd(0).Should().Be(At("2026-01-10T10:00:00Z"));
        grid.IsPartial(0).Should().BeTrue();
    }

    [Fact]
    public void Create_KolkataHourly_EdgesSitAtHalfPastUtc()
    {
        var grid = Create("2026-06-01T00:00:00Z", "2026-06-01T03:00:00Z", BucketStep.OneHour, "Asia/Kolkata");

        Labels(grid).Should().Equal(
            "2026-06-01T05:00:00+05:30",
            "2026-06-01T06:00:00+05:30",
            "2026-06-01T07:00:00+05:30",
            "2026-06-01T08:00:00+05:30");
        Enumerable.Range(0, grid.Count).Should().OnlyContain(i => grid.GetStart(i).UtcDateTime.Minute == 30);
        grid.IsPartial(0).Should().BeTrue();
        grid.IsPartial(3).Should().BeTrue();
        grid.IsPartial(1).Should().BeFalse();
    }

    [Fact]
    public void Create_KathmanduFifteenMinutes_EdgesFollowTheQuarterHourOffset()
    {
        var grid = Create("2026-06-01T00:15:00Z", "2026-06-01T01:15:00Z", BucketStep.OneHour, "Asia/Kathmandu");
        var quarters = Create("2026-06-01T00:00:00Z", "2026-06-01T00:30:00Z", BucketStep.FifteenMinutes, "Asia/Kathmandu");

        Labels(grid).Should().Equal("2026-06-01T06:00:00+05:45");
        grid.IsPartial(0).Should().BeFalse();
        Labels(quarters).Should().Equal("2026-06-01T05:45:00+05:45", "2026-06-01T06:00:00+05:45");
    }

    [Fact]
    public void Create_BerlinSpringForwardDaily_GivesA23HourDay()
    {
        var grid = Create("2026-03-27T23:00:00Z", "2026-03-30T22:00:00Z", BucketStep.OneDay, "Europe/Berlin");

        Labels(grid).Should().Equal(
            "2026-03-28T00:00:00+01:00",
            "2026-03-29T00:00:00+01:00",
            "2026-03-30T00:00:00+02:00");
        Lengths(grid).Should().Equal(TimeSpan.FromHours(24), TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Enumerable.Range(0, grid.Count).Should().OnlyContain(i => !grid.IsPartial(i));
        grid.IndexOf(At("2026-03-29T22:30:00Z")).Should().Be(2);
    }

    [Fact]
    public void Create_BerlinFallBackHourly_SplitsTheRepeatedHourByOffset()
    {
        var grid = Create("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z", BucketStep.OneHour, "Europe/Berlin");

        Labels(grid).Should().Equal(
            "2026-10-25T01:00:00+02:00",
            "2026-10-25T02:00:00+02:00",
            "2026-10-25T02:00:00+01:00",
            "2026-10-25T03:00:00+01:00");
        Lengths(grid).Should().OnlyContain(length => length == TimeSpan.FromHours(1));
        grid.IndexOf(At("2026-10-25T00:30:00Z")).Should().Be(1);
        grid.IndexOf(At("2026-10-25T01:30:00Z")).Should().Be(2);
    }

    [Fact]
    public void Create_BerlinFallBackDaily_GivesA25HourDay()
    {
        var grid = Create("2026-10-24T22:00:00Z", "2026-10-26T23:00:00Z", BucketStep.OneDay, "Europe/Berlin");

        Labels(grid).Should().Equal(
            "2026-10-25T00:00:00+02:00",
            "2026-10-26T00:00:00+01:00");
        Lengths(grid).Should().Equal(TimeSpan.FromHours(25), TimeSpan.FromHours(24));
    }

    [Fact]
    public void Create_NewYorkSpringForwardHourly_SkipsTheMissingHour()
    {
        var grid = Create("2026-03-08T05:00:00Z", "2026-03-08T09:00:00Z", BucketStep.OneHour, "America/New_York");

        Labels(grid).Should().Equal(
            "2026-03-08T00:00:00-05:00",
            "2026-03-08T01:00:00-05:00",
            "2026-03-08T03:00:00-04:00",
            "2026-03-08T04:00:00-04:00");
        Lengths(grid).Should().OnlyContain(length => length == TimeSpan.FromHours(1));
    }

    [Fact]
    public void Create_NewYorkSpringForwardSixHours_FirstQuarterOfTheDayLastsFiveHours()
    {
        var grid = Create("2026-03-08T05:00:00Z", "2026-03-08T16:00:00Z", BucketStep.SixHours, "America/New_York");

        Labels(grid).Should().Equal("2026-03-08T00:00:00-05:00", "2026-03-08T06:00:00-04:00");
        Lengths(grid).Should().Equal(TimeSpan.FromHours(5), TimeSpan.FromHours(6));
    }

    [Fact]
    public void Create_LordHoweSpringForwardHourly_KeepsOnGridLabelsAroundTheHalfHourGap()
    {
        // 4 Oct 2026 02:00 +10:30 jumps to 02:30 +11:00 (15:30Z): local 02:00-02:30 never happens.
        var grid = Create("2026-10-03T13:30:00Z", "2026-10-03T17:00:00Z", BucketStep.OneHour, "Australia/Lord_Howe");

        Labels(grid).Should().Equal(
            "2026-10-04T00:00:00+10:30",
            "2026-10-04T01:00:00+10:30",
            "2026-10-04T03:00:00+11:00");
        Lengths(grid).Should().Equal(TimeSpan.FromHours(1), TimeSpan.FromHours(1.5), TimeSpan.FromHours(1));
    }

    [Fact]
    public void Create_LordHoweFallBackHourly_RepeatedHalfHourStaysInTheBucketBefore()
    {
        // 5 Apr 2026 02:00 +11:00 goes back to 01:30 +10:30 (15:00Z): local 01:30-02:00 happens twice.
        var grid = Create("2026-04-04T13:00:00Z", "2026-04-04T17:30:00Z", BucketStep.OneHour, "Australia/Lord_Howe");

        Labels(grid).Should().Equal(
            "2026-04-05T00:00:00+11:00",
            "2026-04-05T01:00:00+11:00",
            "2026-04-05T02:00:00+10:30",
            "2026-04-05T03:00:00+10:30");
        Lengths(grid).Should().Equal(
            TimeSpan.FromHours(1),
            TimeSpan.FromHours(1.5),
            TimeSpan.FromHours(1),
            TimeSpan.FromHours(1));
    }

    [Fact]
    public void IndexOf_InstantOnAnEdge_LandsInTheLaterBucket()
    {
        var grid = Create("2026-01-10T09:00:00Z", "2026-01-10T10:00:00Z", BucketStep.FifteenMinutes, "UTC");

        grid.IndexOf(At("2026-01-10T09:15:00Z")).Should().Be(1);
        grid.IndexOf(At("2026-01-10T09:14:59.9999999Z")).Should().Be(0);
        grid.IndexOf(At("2026-01-10T09:00:00Z")).Should().Be(0);
    }

    [Fact]
    public void IndexOf_InstantOutsideTheHalfOpenRange_IsMinusOne()
    {
        var grid = Create("2026-01-10T09:47:13Z", "2026-01-10T10:47:13Z", BucketStep.FiveMinutes, "UTC");

        grid.IndexOf(At("2026-01-10T09:46:00Z")).Should().Be(-1, "the first bucket starts before the range");
        grid.IndexOf(At("2026-01-10T10:47:13Z")).Should().Be(-1, "the end is exclusive");
        grid.IndexOf(At("2026-01-10T10:47:12.9999999Z")).Should().Be(12);
        grid.IndexOf(At("2026-01-10T09:47:13Z")).Should().Be(0);
    }

    [Fact]
    public void Create_ThirtyDaysDaily_CountsEachLocalDayOnce()
    {
        var grid = Create("2026-03-01T00:00:00+01:00", "2026-03-31T00:00:00+02:00", BucketStep.OneDay, "Europe/Berlin");

        grid.Count.Should().Be(30);
        Enumerable.Range(0, grid.Count)
            .Select(i => grid.GetStart(i).TimeOfDay)
            .Should().OnlyContain(time => time == TimeSpan.Zero);
        AssertContiguous(grid);
    }

    [Fact]
    public void Create_EmptyOrReversedRange_Throws()
    {
        var act = () => Create("2026-01-10T10:00:00Z", "2026-01-10T10:00:00Z", BucketStep.OneHour, "UTC");

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Create_MoreBucketsThanTheHardLimit_Throws()
    {
        var act = () => Create("2020-01-01T00:00:00Z", "2021-12-31T00:00:00Z", BucketStep.FiveMinutes, "UTC");

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static BucketGrid Create(string from, string to, BucketStep step, string zone) =>
        BucketGrid.Create(At(from), At(to), step, DateTimeZoneProviders.Tzdb[zone]);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static List<string> Labels(BucketGrid grid) =>
        Enumerable.Range(0, grid.Count)
            .Select(i => grid.GetStart(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
            .ToList();

    private static List<TimeSpan> Lengths(BucketGrid grid) =>
        Enumerable.Range(0, grid.Count).Select(i => grid.GetEnd(i) - grid.GetStart(i)).ToList();

    private static void AssertContiguous(BucketGrid grid)
    {
        for (var i = 0; i + 1 < grid.Count; i++)
        {
            grid.GetEnd(i).Should().Be(grid.GetStart(i + 1));
        }
    }
}
