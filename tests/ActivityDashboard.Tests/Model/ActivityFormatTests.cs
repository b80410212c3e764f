using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;
using ActivityDashboard.Tests.Shared;

namespace ActivityDashboard.Tests.Model;

public sealed class ActivityFormatTests
{
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo s_german = CultureInfo.GetCultureInfo("de-DE");

    [Theory]
    [InlineData("1012.94", "en-US", "+1,012.9%")]
    [InlineData("1012.94", "de-DE", "+1.012,9%")]
    [InlineData("-12.25", "en-US", "-12.3%")]
    [InlineData("0.04", "en-US", "0.0%")]
    [InlineData("-0.04", "en-US", "0.0%")]
    [InlineData("-6", "en-US", "-6.0%")]
    [InlineData("0.5", "de-DE", "+0,5%")]
    public void Percent_Change_IsSignedRoundedAndGroupedInTheCulture(string change, string culture, string expected) =>
        ActivityFormat.Percent(decimal.Parse(change, CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo(culture))
            .Should().Be(expected);

    [Fact]
    public void Percent_NoPreviousPeriod_IsNotAvailable() =>
        ActivityFormat.Percent(null, s_english).Should().Be("n/a");

    [Fact]
    public void AxisValue_GridlinesHalfACentApart_EachGetsItsOwnExactLabel()
    {
        // A chart of a few cents is drawn scaled by 1,000 and MudBlazor spaces its gridlines 5 drawn units apart.
        var labels = Enumerable.Range(0, 7)
            .Select(i => ActivityFormat.AxisValue(i * 5.0, 1000, ActivityMetric.Spend, s_english))
            .ToList();

        labels.Should().Equal("$0", "$0.005", "$0.01", "$0.015", "$0.02", "$0.025", "$0.03");
    }

    [Theory]
    [InlineData(ActivityMetric.Spend, 1500.0, 1.0, "en-US", "$1,500.00")]
    [InlineData(ActivityMetric.Spend, 15.0, 1000.0, "de-DE", "$0,015")]
    [InlineData(ActivityMetric.Tokens, 1500000.0, 1.0, "en-US", "1,500,000")]
    [InlineData(ActivityMetric.Requests, 2000.0, 1.0, "de-DE", "2.000")]
    public void AxisValue_DrawnValueAndScale_AreFormattedInTheCulture(ActivityMetric metric, double drawn, double scale, string culture, string expected) =>
        ActivityFormat.AxisValue(drawn, scale, metric, CultureInfo.GetCultureInfo(culture)).Should().Be(expected);

    [Fact]
    public void Range_WholeLocalDays_NamesTheFirstAndLastDay()
    {
        // Kolkata's midnights, 5 to 15 September: the 14th is the last day in the range.
        var offset = TimeSpan.FromHours(5.5);
        var from = new DateTimeOffset(2026, 9, 5, 0, 0, 0, offset);
        var to = new DateTimeOffset(2026, 9, 15, 0, 0, 0, offset);

        ActivityFormat.Range(from, to, "Asia/Kolkata", s_english).Should().Be("9/5/2026 to 9/14/2026 (Asia/Kolkata)");
        ActivityFormat.Range(from, from.AddDays(1), "Asia/Kolkata", s_german).Should().Be("05.09.2026 (Asia/Kolkata)");
    }

    [Fact]
    public void Range_DayWhoseMidnightTheClockSkips_StillReadsAsDays()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00 -03.
        var from = new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3));
        var to = new DateTimeOffset(2026, 9, 8, 0, 0, 0, TimeSpan.FromHours(-3));

        ActivityFormat.Range(from, to, "America/Santiago", s_english).Should().Be("9/6/2026 to 9/7/2026 (America/Santiago)");
    }

    [Fact]
    public void Range_NotOnLocalMidnights_NamesBothInstants()
    {
        // The same instants are midnights in UTC but 05:30 in Kolkata; the last 24 hours never sit on midnights.
        var from = new DateTimeOffset(2026, 9, 5, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 9, 6, 0, 0, 0, TimeSpan.Zero);

        ActivityFormat.Range(from, to, "Asia/Kolkata", s_german).Should().Be("05.09.2026 05:30:00 IST to 06.09.2026 05:30:00 IST");
        ActivityFormat.Range(from.AddHours(13), to.AddHours(13), "UTC", s_german).Should().Be("05.09.2026 13:00:00 UTC to 06.09.2026 13:00:00 UTC");
    }

    [Fact]
    public void BucketLabels_SameTimeOnTwoDates_ShowTheDates()
    {
        // The last 24 hours at 15:20 in UTC: 15:00 (partial) on the 2nd, …, 15:00 (partial) on the 3rd.
        var buckets = Enumerable.Range(0, 25)
            .Select(i => Bucket(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero).AddHours(i), TimeSpan.FromHours(1), partial: i is 0 or 24))
            .ToList();

        var english = ActivityFormat.BucketLabels(buckets, BucketStep.OneHour, s_english);
        var german = ActivityFormat.BucketLabels(buckets, BucketStep.OneHour, s_german);

        english[0].PlainSpaces().Should().Be("12/2 3:00 PM*");
        english[^1].PlainSpaces().Should().Be("12/3 3:00 PM*");
        english.Should().OnlyHaveUniqueItems();
        german[0].Should().Be("02.12 15:00*");
        german[^1].Should().Be("03.12 15:00*");
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

        ActivityFormat.BucketLabels(buckets, BucketStep.OneHour, s_german)
            .Should().Equal("01:00", "02:00 (+02:00)", "02:00 (+01:00)", "03:00");
        ActivityFormat.BucketLabels(buckets, BucketStep.OneHour, s_english).Select(l => l.PlainSpaces())
            .Should().Equal("1:00 AM", "2:00 AM (+02:00)", "2:00 AM (+01:00)", "3:00 AM");
    }

    [Fact]
    public void BucketLabels_Days_UseTheLocalDateInTheCulture()
    {
        var kolkata = new TimeSpan(5, 30, 0);
        List<ActivityBucket> buckets =
        [
            Bucket(new DateTimeOffset(2026, 6, 1, 0, 0, 0, kolkata), TimeSpan.FromDays(1)),
            Bucket(new DateTimeOffset(2026, 6, 2, 0, 0, 0, kolkata), TimeSpan.FromDays(1)),
        ];

        ActivityFormat.BucketLabels(buckets, BucketStep.OneDay, s_english).Should().Equal("6/1/2026", "6/2/2026");
        ActivityFormat.BucketLabels(buckets, BucketStep.OneDay, s_german).Should().Equal("01.06.2026", "02.06.2026");
        ActivityFormat.BucketLabels(buckets, BucketStep.OneDay, CultureInfo.GetCultureInfo("ja-JP")).Should().Equal("2026/06/01", "2026/06/02");
    }

    [Theory]
    [InlineData("en-US", "M/d")]
    [InlineData("en-GB", "dd/MM")]
    [InlineData("de-DE", "dd.MM")]
    [InlineData("ja-JP", "MM/dd")]
    [InlineData("sv-SE", "MM-dd")]
    [InlineData("ko-KR", "M. d.")]
    [InlineData("hu-HU", "MM. dd.")]
    [InlineData("bg-BG", "d.MM")]
    public void ShortMonthDayPattern_Culture_IsItsShortDateWithoutTheYear(string culture, string expected) =>
        ActivityFormat.ShortMonthDayPattern(CultureInfo.GetCultureInfo(culture)).Should().Be(expected);

    [Fact]
    public void Time_InstantInChicago_ReadsInTheCultureWithTheZoneAbbreviation()
    {
        // 14:10 UTC is 09:10 in Chicago (CDT, UTC-5) on this date.
        var instant = new DateTimeOffset(2026, 4, 6, 14, 10, 0, TimeSpan.Zero);

        ActivityFormat.Time(instant, "America/Chicago", s_english).PlainSpaces().Should().Be("4/6/2026 9:10:00 AM CDT");
        ActivityFormat.Time(instant, "America/Chicago", s_german).Should().Be("06.04.2026 09:10:00 CDT");
    }

    [Fact]
    public void BucketStart_Culture_GivesDateTimeAndOffset()
    {
        var bucket = Bucket(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(1));

        ActivityFormat.BucketStart(bucket, s_english).PlainSpaces().Should().Be("10/25/2026 2:00 AM (+01:00)");
        ActivityFormat.BucketStart(bucket, s_german).Should().Be("25.10.2026 02:00 (+01:00)");
    }

    private static ActivityBucket Bucket(DateTimeOffset start, TimeSpan length, bool partial = false) =>
        new(start, start + length, partial, 0, 0, 0, 0m, 0m);
}
