using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ActivityDashboard.Core.Activity;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Core.Activity;

public sealed class ActivityQueryParserTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-10-10T10:47:13Z", CultureInfo.InvariantCulture));

    [Fact]
    public void TryParse_NothingGiven_DefaultsToLast24HoursHourlyUtcTwentyRows()
    {
        var now = _clock.GetUtcNow();

        var ok = TryParse(new ActivityQueryInput(), out var query, out var error);

        ok.Should().BeTrue();
        error.Should().BeNull();
        query.Should().Be(new ActivityQuery(
            "acct-1",
            now.AddHours(-24),
            now,
            BucketStep.OneHour,
            "UTC",
            RangePreset.Last24Hours,
            ActivityGroupBy.None,
            20,
            0));
    }

    [Theory]
    [InlineData("1h", "5m", 1)]
    [InlineData("24h", "1h", 24)]
    [InlineData("7d", "6h", 168)]
    [InlineData("30d", "1d", 720)]
    public void TryParse_Preset_PinsWindowToNowAndPicksFinestStepUnder48Buckets(string range, string step, int hours)
    {
        var now = _clock.GetUtcNow();

        var ok = TryParse(new ActivityQueryInput(Range: range), out var query, out _);

        ok.Should().BeTrue();
        query!.To.Should().Be(now);
        query.From.Should().Be(now.AddHours(-hours));
        query.Step.Code.Should().Be(step);
        query.Preset!.Code.Should().Be(range);
    }

    [Fact]
    public void TryParse_LastHourAtOddSeconds_KeepsTheExactInstants()
    {
        var ok = TryParse(new ActivityQueryInput(Range: "1h"), out var query, out _);

        ok.Should().BeTrue();
        query!.From.Should().Be(DateTimeOffset.Parse("2026-10-10T09:47:13Z", CultureInfo.InvariantCulture));
        query.To.Should().Be(DateTimeOffset.Parse("2026-10-10T10:47:13Z", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParse_CustomRangeWithOffsets_ConvertsToUtcAndTakesPrecedenceOverRange()
    {
        var input = new ActivityQueryInput(Range: "7d", From: "2026-06-01T00:00:00+05:30", To: "2026-06-02T12:00:00+05:30");

        var ok = TryParse(input, out var query, out _);

        ok.Should().BeTrue();
        query!.From.Should().Be(DateTimeOffset.Parse("2026-05-31T18:30:00Z", CultureInfo.InvariantCulture));
        query.From.Offset.Should().Be(TimeSpan.Zero);
        query.To.Should().Be(DateTimeOffset.Parse("2026-06-02T06:30:00Z", CultureInfo.InvariantCulture));
        query.Preset.Should().BeNull();
        query.Step.Should().Be(BucketStep.OneHour, "36 hourly buckets is the finest under 48");
    }

    [Theory]
    [InlineData("2026-09-06T00:00Z", "2026-09-09T00:00Z")]
    [InlineData("2026-09-06T00:00:00Z", "2026-09-09T00:00:00.000Z")]
    [InlineData("2026-09-06T02:00:00.5+02:00", "2026-09-09T00:00:00-00:00")]
    public void TryParse_CustomRangeIsoForms_AreAccepted(string from, string to)
    {
        var ok = TryParse(new ActivityQueryInput(From: from, To: to), out var query, out _);

        ok.Should().BeTrue();
        query!.To.Should().Be(DateTimeOffset.Parse("2026-09-09T00:00:00Z", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParse_NinetyDayCustomRange_UsesDailyBucketsAboveTheAutoLimit()
    {
        var input = new ActivityQueryInput(From: "2026-01-01T00:00:00Z", To: "2026-04-01T00:00:00Z");

        var ok = TryParse(input, out var query, out _);

        ok.Should().BeTrue();
        query!.Step.Should().Be(BucketStep.OneDay);
    }

    [Fact]
    public void TryParse_CustomRangeReachingPastNow_EndsAtNowAndSaysSo()
    {
        // "Today" chosen mid-morning: the hours not yet lived are left out, not shown as zeros.
        var input = new ActivityQueryInput(From: "2026-10-10T00:00:00Z", To: "2026-10-11T00:00:00Z");

        var ok = TryParse(input, out var query, out _);

        ok.Should().BeTrue();
        query!.From.Should().Be(DateTimeOffset.Parse("2026-10-10T00:00:00Z", CultureInfo.InvariantCulture));
        query.To.Should().Be(_clock.GetUtcNow());
        query.CutAtNow.Should().BeTrue();
        query.Step.Should().Be(BucketStep.FifteenMinutes, "11 hours under 48 buckets is the 15-minute grid");
    }

    [Fact]
    public void TryParse_CustomRangeEndingAtNow_IsNotCut()
    {
        var now = _clock.GetUtcNow();
        var input = new ActivityQueryInput(
            From: (now - TimeSpan.FromHours(2)).ToString("O", CultureInfo.InvariantCulture),
            To: now.ToString("O", CultureInfo.InvariantCulture));

        TryParse(input, out var query, out _).Should().BeTrue();

        query!.To.Should().Be(now);
        query.CutAtNow.Should().BeFalse();
    }

    [Theory]
    [InlineData("2026-10-10T10:47:13Z", "2026-10-11T00:00:00Z")]
    [InlineData("2026-10-12T00:00:00Z", "2026-10-13T00:00:00Z")]
    public void TryParse_CustomRangeStartingAtOrAfterNow_FailsNamingFromAndNow(string from, string to)
    {
        var ok = TryParse(new ActivityQueryInput(From: from, To: to), out var query, out var error);

        ok.Should().BeFalse();
        query.Should().BeNull();
        error!.Reason.Should().Be(ActivityQueryError.InvalidRange);
        error.Message.Should().Be(
            $"Invalid 'from' value '{from}': it is not before now (2026-10-10T10:47:13Z), so nothing can have happened in the range yet.");
    }

    [Theory]
    [InlineData("2d", null, null, "'2d'")]
    [InlineData(null, "2026-09-06T00:00:00Z", null, "'to' is missing")]
    [InlineData(null, null, "2026-09-06T00:00:00Z", "'from' is missing")]
    [InlineData(null, "2026-09-06T00:00:00", "2026-09-07T00:00:00Z", "'from' value '2026-09-06T00:00:00'")]
    [InlineData(null, "2026-09-06", "2026-09-07T00:00:00Z", "'from' value '2026-09-06'")]
    [InlineData(null, "2026-09-06T00:00:00Z", "yesterday", "'to' value 'yesterday'")]
    [InlineData(null, "2026-09-07T00:00:00Z", "2026-09-07T00:00:00Z", "'to' value")]
    [InlineData(null, "2026-09-08T00:00:00Z", "2026-09-07T00:00:00Z", "must be after 'from'")]
    [InlineData(null, "2026-01-01T00:00:00Z", "2026-04-01T00:00:01Z", "at most 90 days")]
    public void TryParse_BadRange_FailsWithInvalidRangeNamingTheInput(string? range, string? from, string? to, string expected)
    {
        var ok = TryParse(new ActivityQueryInput(range, from, to), out var query, out var error);

        ok.Should().BeFalse();
        query.Should().BeNull();
        error!.Reason.Should().Be(ActivityQueryError.InvalidRange);
        error.Message.Should().Contain(expected);
    }

    [Fact]
    public void TryParse_UnknownRange_ListsThePresets()
    {
        TryParse(new ActivityQueryInput(Range: "2d"), out _, out var error);

        error!.Message.Should().Be("Unknown range '2d'. Use one of 1h, 24h, 7d, 30d, or give both 'from' and 'to'.");
    }

    [Fact]
    public void TryParse_StepTooFineForTheRange_ListsOnlyTheStepsThatFit()
    {
        var ok = TryParse(new ActivityQueryInput(Range: "30d", Step: "5m"), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidStep);
        error.Message.Should().Be(
            "Step '5m' gives 8640 buckets over this range; at most 1000 are allowed. Use a coarser step (one of 1h, 6h, 1d) or a shorter range.");
    }

    [Fact]
    public void TryParse_UnknownStep_FailsWithInvalidStepListingTheSteps()
    {
        var ok = TryParse(new ActivityQueryInput(Step: "7m"), out _, out var error);

        ok.Should().BeFalse();
        error.Should().Be(new ActivityQueryError(ActivityQueryError.InvalidStep, "Unknown step '7m'. Use one of 5m, 15m, 1h, 6h, 1d."));
    }

    [Theory]
    [InlineData("7d", "5m", false)]
    [InlineData("7d", "15m", true)]
    [InlineData("30d", "15m", false)]
    [InlineData("30d", "1h", true)]
    [InlineData("1h", "1d", true)]
    public void TryParse_ExplicitStep_IsRefusedAboveAThousandBuckets(string range, string step, bool accepted)
    {
        var ok = TryParse(new ActivityQueryInput(Range: range, Step: step), out var query, out var error);

        ok.Should().Be(accepted);
        if (accepted)
        {
            query!.Step.Code.Should().Be(step);
        }
        else
        {
            error!.Reason.Should().Be(ActivityQueryError.InvalidStep);
            error.Message.Should().Contain($"Step '{step}'").And.Contain("at most 1000");
        }
    }

    [Fact]
    public void TryParse_UnknownTimeZone_FailsWithInvalidTimeZone()
    {
        var ok = TryParse(new ActivityQueryInput(TimeZone: "Mars/Olympus"), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidTimeZone);
        error.Message.Should().Contain("'Mars/Olympus'");
    }

    [Theory]
    [InlineData(" 05:30")]
    [InlineData("+05:30")]
    [InlineData("-0800")]
    [InlineData("+2")]
    public void TryParse_OffsetForAZone_SaysToNameThePlace(string offset)
    {
        var ok = TryParse(new ActivityQueryInput(TimeZone: offset), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidTimeZone);
        error.Message.Should().Contain("An offset is not a zone").And.Contain("'Asia/Kolkata' for +05:30");
    }

    [Fact]
    public void TryParse_UnknownZoneName_HasNoOffsetHint()
    {
        TryParse(new ActivityQueryInput(TimeZone: "Mars/Olympus"), out _, out var error).Should().BeFalse();

        error!.Message.Should().NotContain("offset");
    }

    [Theory]
    [InlineData("Asia/Calcutta")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Europe/Berlin")]
    [InlineData("Australia/Lord_Howe")]
    public void TryParse_IanaZoneOrAlias_KeepsTheIdAsGiven(string zone)
    {
        var ok = TryParse(new ActivityQueryInput(TimeZone: zone), out var query, out _);

        ok.Should().BeTrue();
        query!.TimeZoneId.Should().Be(zone);
    }

    [Theory]
    [InlineData("model", ActivityGroupBy.Model)]
    [InlineData("Model", ActivityGroupBy.Model)]
    [InlineData("PROVIDER", ActivityGroupBy.Provider)]
    [InlineData("", ActivityGroupBy.None)]
    [InlineData(null, ActivityGroupBy.None)]
    public void TryParse_GroupBy_IsReadCaseInsensitively(string? value, ActivityGroupBy expected)
    {
        var ok = TryParse(new ActivityQueryInput(GroupBy: value), out var query, out _);

        ok.Should().BeTrue();
        query!.GroupBy.Should().Be(expected);
    }

    [Fact]
    public void TryParse_UnknownGroupBy_FailsWithInvalidGroupBy()
    {
        var ok = TryParse(new ActivityQueryInput(GroupBy: "region"), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidGroupBy);
        error.Message.Should().Contain("'region'").And.Contain("model, provider");
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("35", 35)]
    public void TryParse_LimitInRange_IsKept(string value, int expected)
    {
        var ok = TryParse(new ActivityQueryInput(Limit: value), out var query, out _);

        ok.Should().BeTrue();
        query!.Limit.Should().Be(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("99999999999")]
    public void TryParse_LimitOutOfRange_FailsWithInvalidLimit(string value)
    {
        var ok = TryParse(new ActivityQueryInput(Limit: value), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidLimit);
        error.Message.Should().Be($"Invalid limit '{value}'. Use a whole number from 1 to 100.");
    }

    [Theory]
    [InlineData(60, "5m", 12)]
    [InlineData(61, "5m", 13)]
    [InlineData(24 * 60, "1h", 24)]
    [InlineData(90 * 24 * 60, "5m", 25_920)]
    public void CountNominalBuckets_Length_RoundsUp(int minutes, string step, long expected)
    {
        BucketStep.TryParse(step, out var parsed).Should().BeTrue();

        ActivityQueryParser.CountNominalBuckets(TimeSpan.FromMinutes(minutes), parsed!).Should().Be(expected);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z")]
    [InlineData("0001-01-01T05:00:00Z", "0001-01-02T00:00:00Z")]
    [InlineData("9999-12-30T00:00:00Z", "9999-12-31T23:59:59Z")]
    [InlineData("1999-12-31T00:00:00Z", "2000-01-02T00:00:00Z")]
    public void TryParse_FarOffYears_IsInvalidRangeNamingTheLimits(string from, string to)
    {
        var ok = TryParse(new ActivityQueryInput(From: from, To: to), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidRange);
        error.Message.Should().Contain("2000-01-01").And.Contain("2100-01-01");
    }

    [Fact]
    public void TryParse_OffsetPlusDecodedAsSpace_SaysToEncodeIt()
    {
        var ok = TryParse(new ActivityQueryInput(From: "2026-11-01T00:00:00 05:30", To: "2026-11-02T00:00:00Z"), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidRange);
        error.Message.Should().Contain("%2B");
    }

    [Fact]
    public void TryParse_HugeValue_EchoesOnlyItsStart()
    {
        var huge = new string('x', 5_000);

        var ok = TryParse(new ActivityQueryInput(TimeZone: huge), out _, out var error);

        ok.Should().BeFalse();
        error!.Reason.Should().Be(ActivityQueryError.InvalidTimeZone);
        error.Message.Length.Should().BeLessThan(300);
        error.Message.Should().Contain(new string('x', 64) + "…");
    }

    private bool TryParse(
        ActivityQueryInput input,
        [NotNullWhen(true)] out ActivityQuery? query,
        [NotNullWhen(false)] out ActivityQueryError? error) =>
        ActivityQueryParser.TryParse(input, "acct-1", _clock.GetUtcNow(), out query, out error);
}
