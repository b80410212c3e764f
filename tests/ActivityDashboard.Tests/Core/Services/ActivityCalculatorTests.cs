using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using Microsoft.Extensions.Time.Testing;
using static ActivityDashboard.Tests.Core.Services.ActivityTestData;

namespace ActivityDashboard.Tests.Core.Services;

public sealed class ActivityCalculatorTests
{
    [Fact]
    public void Calculate_ExclusiveEndAtNextMidnight_KeepsTheWholeLastDay()
    {
        // Arrange
        var calls = new[]
        {
            Call("r1", "2026-09-06T10:00:00Z"),
            Call("r2", "2026-09-07T23:59:59.900Z"),
            Call("r3", "2026-09-08T00:00:00Z"),
            Call("r4", "2026-09-08T18:30:00Z"),
            Call("r5", "2026-09-09T00:00:00Z"),
        };
        var receipts = Billed(calls, 0.50m, 1.25m, 2.00m, 0.75m, 9.99m);
        var query = Query("2026-09-06T00:00:00Z", "2026-09-09T00:00:00Z", BucketStep.OneDay);

        // Act
        var report = Report(query, calls, receipts);

        // Assert
        report.Buckets.Select(b => (b.Start, b.Requests, b.Spend)).Should().Equal(
            (At("2026-09-06T00:00:00Z"), 1L, 0.50m),
            (At("2026-09-07T00:00:00Z"), 1L, 1.25m),
            (At("2026-09-08T00:00:00Z"), 2L, 2.75m));
        report.Totals.Current.Requests.Should().Be(4);
        report.Totals.Current.Spend.Should().Be(4.50m);
        report.Rows.Select(r => r.CallId).Should().NotContain("r5");
    }

    [Fact]
    public void Calculate_SingleDayRange_CountsThatWholeDay()
    {
        var calls = new[]
        {
            Call("r2", "2026-09-07T23:59:59.900Z"),
            Call("r3", "2026-09-08T00:00:00Z"),
            Call("r4", "2026-09-08T18:30:00Z"),
            Call("r5", "2026-09-09T00:00:00Z"),
        };
        var query = Query("2026-09-08T00:00:00Z", "2026-09-09T00:00:00Z", BucketStep.OneDay);

        var report = Report(query, calls, Billed(calls, 1.25m, 2.00m, 0.75m, 9.99m));

        report.Buckets.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Requests = 2L, Spend = 2.75m, Partial = false });
        report.Totals.Current.Spend.Should().Be(2.75m);
    }

    [Fact]
    public void Calculate_LocalDaysInKolkata_CountEachCallOnceAndAddUp()
    {
        // Arrange
        var calls = new[]
        {
            Call("a", "2026-06-01T17:00:00Z"),
            Call("b", "2026-06-01T19:00:00Z"),
            Call("c", "2026-06-02T10:00:00Z"),
            Call("d", "2026-06-02T18:29:59Z"),
            Call("e", "2026-06-02T18:30:00Z"),
        };
        var receipts = Billed(calls, 1.00m, 2.00m, 4.00m, 8.00m, 16.00m);

        ActivityReport LocalDays(string from, string to) =>
            Report(Query(from, to, BucketStep.OneDay, "Asia/Kolkata"), calls, receipts);

        // Act
        var day1 = LocalDays("2026-06-01T00:00:00+05:30", "2026-06-02T00:00:00+05:30");
        var day2 = LocalDays("2026-06-02T00:00:00+05:30", "2026-06-03T00:00:00+05:30");
        var day3 = LocalDays("2026-06-03T00:00:00+05:30", "2026-06-04T00:00:00+05:30");
        var all = LocalDays("2026-06-01T00:00:00+05:30", "2026-06-04T00:00:00+05:30");

        // Assert
        day1.Query.From.Should().Be(At("2026-05-31T18:30:00Z"));
        (day1.Totals.Current.Requests, day1.Totals.Current.Spend).Should().Be((1L, 1.00m));
        (day2.Totals.Current.Requests, day2.Totals.Current.Spend).Should().Be((3L, 14.00m));
        (day3.Totals.Current.Requests, day3.Totals.Current.Spend).Should().Be((1L, 16.00m));
        all.Buckets.Select(b => (Label(b.Start), b.Requests, b.Spend)).Should().Equal(
            ("2026-06-01T00:00:00+05:30", 1L, 1.00m),
            ("2026-06-02T00:00:00+05:30", 3L, 14.00m),
            ("2026-06-03T00:00:00+05:30", 1L, 16.00m));
        all.Totals.Current.Should().Be(new ActivityMetrics(5, 50, 25, 31.00m));
        (day1.Totals.Current.Spend + day2.Totals.Current.Spend + day3.Totals.Current.Spend).Should().Be(all.Totals.Current.Spend);
    }

    [Fact]
    public void Calculate_ReceiptsWrittenAfterTheirWindow_StayWithTheirCallsInEachWindow()
    {
        // Arrange
        var calls = new[]
        {
            Call("req-A", "2026-08-06T13:57:00Z", end: "2026-08-06T14:01:30Z"),
            Call("req-B", "2026-08-06T14:30:00Z", end: "2026-08-06T14:31:30Z"),
            Call("req-C", "2026-08-06T14:58:00Z", end: "2026-08-06T15:02:30Z"),
        };
        var receipts = new[]
        {
            Receipt("req-A", "2026-08-06T14:01:31Z", 0.40m, credits: 40),
            Receipt("req-B", "2026-08-06T14:31:31Z", 0.10m, credits: 10),
            Receipt("req-C", "2026-08-06T15:02:31Z", 0.25m, credits: 25),
        };

        // Act
        var w1 = Report(Query("2026-08-06T13:00:00Z", "2026-08-06T14:00:00Z", BucketStep.FiveMinutes), calls, receipts);
        var w2 = Report(Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes), calls, receipts);
        var both = Report(Query("2026-08-06T13:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes), calls, receipts);

        // Assert
        w1.Buckets.Should().HaveCount(12);
        w1.Buckets.Where(b => b.Requests > 0 || b.Spend > 0).Select(b => (b.Start, b.Requests, b.Spend))
            .Should().Equal((At("2026-08-06T13:55:00Z"), 1L, 0.40m));
        (w1.Totals.Current.Requests, w1.Totals.Current.Spend).Should().Be((1L, 0.40m));
        w1.Rows.Should().ContainSingle().Which.Billed.Should().Be(0.40m);

        w2.Buckets.Should().HaveCount(12);
        w2.Buckets.Where(b => b.Requests > 0 || b.Spend > 0).Select(b => (b.Start, b.Requests, b.Spend)).Should().Equal(
            (At("2026-08-06T14:30:00Z"), 1L, 0.10m),
            (At("2026-08-06T14:55:00Z"), 1L, 0.25m));
        (w2.Totals.Current.Requests, w2.Totals.Current.Spend).Should().Be((2L, 0.35m));
        w2.OrphanReceipts.Should().Be(new OrphanReceipts(0, 0m), "req-A's receipt belongs to a call of W1");
        w2.Rows.Single(r => r.CallId == "req-C").Billed.Should().Be(0.25m);

        (both.Totals.Current.Requests, both.Totals.Current.Spend).Should().Be((3L, 0.75m));
        both.Totals.Current.Spend.Should().Be(w1.Totals.Current.Spend + w2.Totals.Current.Spend);
        both.Totals.Current.Requests.Should().Be(w1.Totals.Current.Requests + w2.Totals.Current.Requests);
    }

    [Fact]
    public void Calculate_EmptyCallIds_NeverJoinAndNeverMerge()
    {
        // Arrange
        var calls = new[]
        {
            Call("chatcmpl-111", "2026-11-07T10:05:00Z", providerCost: 0.10m),
            Call("", "2026-11-07T10:10:00Z", providerCost: 0.20m),
            Call("", "2026-11-07T10:15:00Z", providerCost: 0.30m),
            Call("chatcmpl-444", "2026-11-07T10:20:00Z", providerCost: 0.0m),
        };
        var receipts = new[]
        {
            Receipt("chatcmpl-111", "2026-11-07T10:05:02Z", 0.10m, credits: 10),
            Receipt("", "2026-11-07T10:10:02Z", 0.20m, credits: 20),
            Receipt("chatcmpl-444", "2026-11-07T10:20:03Z", 0.0417m, credits: 42),
            Receipt("chatcmpl-999", "2026-11-07T10:30:00Z", 0.05m, credits: 5),
        };
        var query = Query("2026-11-07T10:00:00Z", "2026-11-07T11:00:00Z", BucketStep.FiveMinutes);

        // Act
        var report = Report(query, calls, receipts);

        // Assert
        report.TotalRows.Should().Be(4);
        report.Rows.Select(r => (r.CallId, r.Billed, r.ProviderCost)).Should().Equal(
            ("chatcmpl-444", 0.0417m, 0.0m),
            ("", (decimal?)null, 0.30m),
            ("", (decimal?)null, 0.20m),
            ("chatcmpl-111", 0.10m, 0.10m));
        report.OrphanReceipts.Should().Be(new OrphanReceipts(2, 0.25m));
        report.Totals.Current.Requests.Should().Be(4);
        report.Totals.Current.Spend.Should().Be(0.3917m);
        report.Totals.ProviderCost.Should().Be(0.60m);
        Bucket(report, "2026-11-07T10:10:00Z").Should().BeEquivalentTo(new { Requests = 1L, Spend = 0.20m });
        Bucket(report, "2026-11-07T10:30:00Z").Should().BeEquivalentTo(new { Requests = 0L, Spend = 0.05m });
    }

    [Fact]
    public void Calculate_RepeatedCallId_CountsTheFirstOnly()
    {
        var first = Call("dup", "2026-11-07T10:05:00Z", tokensIn: 7);
        var repeat = Call("dup", "2026-11-07T10:06:00Z", tokensIn: 1000);
        var query = Query("2026-11-07T10:00:00Z", "2026-11-07T11:00:00Z", BucketStep.FiveMinutes);

        var report = Report(query, [first, repeat], [ReceiptFor(first, 0.10m)]);

        report.TotalRows.Should().Be(1);
        report.Totals.Current.Should().Be(new ActivityMetrics(1, 7, 5, 0.10m));
    }

    [Fact]
    public void Calculate_SeveralReceiptsForOneCall_AddUpOnTheCall()
    {
        var call = Call("c1", "2026-11-07T10:05:00Z");
        var receipts = new[]
        {
            Receipt("c1", "2026-11-07T10:05:01Z", 0.10m),
            Receipt("c1", "2026-11-07T10:40:00Z", -0.03m),
            Receipt("c1", "2026-11-07T10:41:00Z", usd: null, credits: 1_500_000),
        };
        var query = Query("2026-11-07T10:00:00Z", "2026-11-07T11:00:00Z", BucketStep.FiveMinutes);

        var report = Report(query, [call], receipts);

        report.Rows.Should().ContainSingle().Which.Billed.Should().Be(0.22m);
        Bucket(report, "2026-11-07T10:05:00Z").Spend.Should().Be(0.22m);
        report.OrphanReceipts.Count.Should().Be(0);
    }

    [Fact]
    public void Calculate_ReceiptWithoutCallId_IsAnOrphanInTheBucketOfItsCreation()
    {
        var query = Query("2026-11-07T10:00:00Z", "2026-11-07T11:00:00Z", BucketStep.FifteenMinutes);

        var report = Report(query, [], [Receipt(null, "2026-11-07T10:31:00Z", 0.07m), Receipt(null, "2026-11-07T11:00:00Z", 1m)]);

        report.OrphanReceipts.Should().Be(new OrphanReceipts(1, 0.07m));
        Bucket(report, "2026-11-07T10:30:00Z").Spend.Should().Be(0.07m);
        report.Totals.Current.Should().Be(new ActivityMetrics(0, 0, 0, 0.07m));
    }

    [Fact]
    public void Calculate_DaylightSavingStart_GivesALocalDayOf23Hours()
    {
        // Arrange
        var calls = new[]
        {
            Call("a", "2026-03-28T12:00:00Z"),
            Call("b", "2026-03-29T12:00:00Z"),
            Call("c", "2026-03-29T22:30:00Z"),
            Call("d", "2026-03-30T21:30:00Z"),
        };
        var query = Query("2026-03-28T00:00:00+01:00", "2026-03-31T00:00:00+02:00", BucketStep.OneDay, "Europe/Berlin");

        // Act
        var report = Report(query, calls, Billed(calls, 1.00m, 2.00m, 4.00m, 8.00m));

        // Assert
        report.Buckets.Select(b => (Label(b.Start), b.Requests, b.Spend)).Should().Equal(
            ("2026-03-28T00:00:00+01:00", 1L, 1.00m),
            ("2026-03-29T00:00:00+01:00", 1L, 2.00m),
            ("2026-03-30T00:00:00+02:00", 2L, 12.00m));
        (report.Buckets[1].End - report.Buckets[1].Start).Should().Be(TimeSpan.FromHours(23));
        report.Totals.Current.Spend.Should().Be(15.00m);
        report.Totals.AvgPerDay!.Spend.Should().Be(5.00m);
    }

    [Fact]
    public void Calculate_DaylightSavingEnd_KeepsTheRepeatedHourAsTwoBuckets()
    {
        var calls = new[] { Call("p", "2026-10-25T00:30:00Z"), Call("q", "2026-10-25T01:30:00Z") };
        var query = Query("2026-10-25T01:00:00+02:00", "2026-10-25T04:00:00+01:00", BucketStep.OneHour, "Europe/Berlin");

        var report = Report(query, calls, Billed(calls, 1.00m, 2.00m));

        report.Buckets.Select(b => (Label(b.Start), b.Requests, b.Spend)).Should().Equal(
            ("2026-10-25T01:00:00+02:00", 0L, 0m),
            ("2026-10-25T02:00:00+02:00", 1L, 1.00m),
            ("2026-10-25T02:00:00+01:00", 1L, 2.00m),
            ("2026-10-25T03:00:00+01:00", 0L, 0m));
        report.Totals.AvgPerDay.Should().BeNull("three wall-clock hours are under a day");
    }

    [Fact]
    public void Calculate_LastHourAtOddSeconds_GivesThirteenBucketsWithPartialEnds()
    {
        // Arrange
        var clock = new FakeTimeProvider(At("2026-01-10T10:47:13Z"));
        ActivityQueryParser.TryParse(new ActivityQueryInput(Range: "1h"), "acct-1", clock.GetUtcNow(), out var query, out _)
            .Should().BeTrue();
        var calls = new[]
        {
            Call("x", "2026-01-10T09:46:00Z"),
            Call("y", "2026-01-10T09:47:13Z"),
            Call("z", "2026-01-10T10:45:30Z"),
            Call("w", "2026-01-10T10:47:13Z"),
        };

        // Act
        var report = Report(query!, calls, Billed(calls, 1.00m, 2.00m, 4.00m, 8.00m));

        // Assert
        report.Buckets.Should().HaveCount(13);
        report.Buckets[0].Should().BeEquivalentTo(
            new { Start = At("2026-01-10T09:45:00Z"), Requests = 1L, Spend = 2.00m, Partial = true });
        report.Buckets[12].Should().BeEquivalentTo(
            new { Start = At("2026-01-10T10:45:00Z"), Requests = 1L, Spend = 4.00m, Partial = true });
        report.Buckets.Skip(1).Take(11).Should().OnlyContain(b => !b.Partial && b.Requests == 0 && b.Spend == 0m);
        (report.Totals.Current.Requests, report.Totals.Current.Spend).Should().Be((2L, 6.00m));
        report.Totals.AvgPerDay.Should().BeNull();
    }

    [Fact]
    public void Calculate_NoActivity_GivesZeroBucketsAndNoChange()
    {
        var query = Query("2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z", BucketStep.FiveMinutes, preset: RangePreset.LastHour);

        var report = Report(query, [], []);

        report.Buckets.Should().HaveCount(12).And.OnlyContain(b => b.Requests == 0 && b.Spend == 0m && b.TokensIn == 0 && !b.Partial);
        report.Totals.Current.Should().Be(new ActivityMetrics(0, 0, 0, 0m));
        report.Totals.Previous.Should().Be(new ActivityMetrics(0, 0, 0, 0m));
        report.Totals.Change.Should().Be(new ActivityChange(null, null, null, null));
        report.Rows.Should().BeEmpty();
        report.TotalRows.Should().Be(0);
        report.NextOffset.Should().BeNull();
        report.OrphanReceipts.Should().Be(new OrphanReceipts(0, 0m));
    }

    [Fact]
    public void Calculate_FreeCalls_CountRequestsAndTokensWithZeroSpend()
    {
        var calls = new[]
        {
            Call("f1", "2026-03-05T09:12:00Z", tokensIn: 10, tokensOut: 5),
            Call("f2", "2026-03-05T09:48:00Z", tokensIn: 10, tokensOut: 5),
        };
        var query = Query("2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z", BucketStep.FiveMinutes, preset: RangePreset.LastHour);

        var report = Report(query, calls, Billed(calls, 0m, 0m));

        report.Buckets.Select(b => b.Requests).Should().Equal(0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        report.Buckets.Should().OnlyContain(b => b.Spend == 0m);
        report.Totals.Current.Should().Be(new ActivityMetrics(2, 20, 10, 0m));
        report.Rows.Should().OnlyContain(r => r.Billed == 0m, "a $0 receipt is billed zero, not missing");
        report.Totals.Change.Requests.Should().BeNull();
    }

    [Fact]
    public void Calculate_EightHundredLargeReceipts_BucketsAndHeadlineAreExact()
    {
        // Arrange
        var start = At("2026-05-01T00:00:00Z");
        var calls = Enumerable.Range(0, 800)
            .Select(i => Call($"c{i}", Iso(start.AddDays(i / 200).AddMinutes(i % 200 * 7))))
            .ToArray();
        var receipts = calls.Select(c => ReceiptFor(c, 1234.5678m)).ToArray();
        var query = Query("2026-05-01T00:00:00Z", "2026-05-05T00:00:00Z", BucketStep.OneDay);

        // Act
        var report = Report(query, calls, receipts);

        // Assert
        report.Buckets.Select(b => b.Spend).Should().Equal(246_913.56m, 246_913.56m, 246_913.56m, 246_913.56m);
        report.Totals.Current.Spend.Should().Be(987_654.24m);
        report.Buckets.Sum(b => b.Spend).Should().Be(report.Totals.Current.Spend);
        report.Totals.AvgPerDay!.Spend.Should().Be(246_913.56m);
    }

    [Fact]
    public void Calculate_PointOneAndPointTwo_TotalIsExactlyPointThree()
    {
        var calls = new[] { Call("a", "2026-05-01T10:00:00Z"), Call("b", "2026-05-01T10:01:00Z") };
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.FiveMinutes);

        var report = Report(query, calls, Billed(calls, 0.1m, 0.2m));

        report.Totals.Current.Spend.Should().Be(0.3m);
        MoneyFormatter.FormatInvariant(report.Totals.Current.Spend).Should().Be("0.3");
    }

    [Fact]
    public void Calculate_TinyAndLargeAmounts_TotalKeepsEveryDigit()
    {
        var calls = Enumerable.Range(0, 5).Select(i => Call($"t{i}", $"2026-05-01T10:0{i}:00Z")).ToArray();
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.FiveMinutes);

        var report = Report(query, calls, Billed(calls, 0.0000042m, 0.0049m, 0.005m, 0m, 1234.5678m));

        report.Totals.Current.Spend.Should().Be(1234.5777042m);
        MoneyFormatter.Format(report.Totals.Current.Spend, CultureInfo.GetCultureInfo("en-US")).Should().Be("$1,234.58");
    }

    [Fact]
    public void Calculate_AnySplitOfARange_AddsUpToTheWholeRange()
    {
        // Arrange: calls every 7m13s over three days, a receipt for most within the grace, orphans and empty ids.
        var calls = new List<UsageEvent>();
        var receipts = new List<ReceiptRecord>();
        var at = At("2026-04-01T00:00:00Z");
        for (var i = 0; at < At("2026-04-04T00:00:00Z"); i++, at = at.AddSeconds(433))
        {
            var call = Call(i % 17 == 0 ? "" : $"k{i}", Iso(at), tokensIn: i % 11, tokensOut: i % 5);
            calls.Add(call);
            if (i % 9 != 0)
            {
                // Receipts of empty-id calls are orphans, written with their call so they stay inside the three days.
                var delay = call.CallId.Length == 0 ? 0 : i % 840;
                receipts.Add(new ReceiptRecord(call.CallId, at.AddSeconds(delay), 0, 0.001m * (i % 23)));
            }

            if (i % 13 == 0)
            {
                receipts.Add(new ReceiptRecord($"gone-{i}", at, 0, 0.5m));
            }
        }

        var edges = new[]
        {
            "2026-04-01T00:00:00Z", "2026-04-01T07:03:00Z", "2026-04-01T13:00:00Z", "2026-04-02T00:00:00Z",
            "2026-04-02T23:59:59Z", "2026-04-03T09:00:00Z", "2026-04-04T00:00:00Z",
        };

        // Act
        var whole = Report(Query(edges[0], edges[^1], BucketStep.OneHour), calls, receipts);
        var parts = edges.Zip(edges.Skip(1), (from, to) => Report(Query(from, to, BucketStep.OneHour), calls, receipts)).ToList();

        // Assert
        parts.Sum(p => p.Totals.Current.Requests).Should().Be(whole.Totals.Current.Requests);
        parts.Sum(p => p.Totals.Current.TokensIn).Should().Be(whole.Totals.Current.TokensIn);
        parts.Sum(p => p.Totals.Current.Spend).Should().Be(whole.Totals.Current.Spend);
        parts.Sum(p => p.OrphanReceipts.Count).Should().Be(whole.OrphanReceipts.Count);
        parts.Sum(p => p.OrphanReceipts.Spend).Should().Be(whole.OrphanReceipts.Spend);
        whole.Totals.Current.Requests.Should().Be(calls.Count);
        whole.Totals.Current.Spend.Should().Be(receipts.Sum(r => r.ResponseCostUsd!.Value));
    }

    [Fact]
    public void Calculate_PreviousPeriod_IsTheSameLengthJustBefore()
    {
        // Arrange
        var calls = new[]
        {
            Call("p0", "2026-05-01T08:59:59Z"),
            Call("p1", "2026-05-01T09:00:00Z", tokensIn: 100),
            Call("p2", "2026-05-01T09:59:59Z", tokensIn: 100),
            Call("c1", "2026-05-01T10:00:00Z", tokensIn: 50),
            Call("c2", "2026-05-01T10:30:00Z", tokensIn: 50),
            Call("c3", "2026-05-01T10:59:00Z", tokensIn: 50),
        };
        var receipts = Billed(calls, 9m, 0.10m, 0.30m, 0.10m, 0.10m, 0.10m);
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.FifteenMinutes);

        // Act
        var report = Report(query, calls, receipts);

        // Assert
        report.Totals.Previous.Should().Be(new ActivityMetrics(2, 200, 10, 0.40m));
        report.Totals.Current.Should().Be(new ActivityMetrics(3, 150, 15, 0.30m));
        report.Totals.Change.Should().Be(new ActivityChange(50m, -25m, 50m, -25m));
    }

    [Fact]
    public void Calculate_PreviousSpendZero_ChangeOfSpendIsNullButOthersAreNot()
    {
        var calls = new[] { Call("p1", "2026-05-01T09:30:00Z"), Call("c1", "2026-05-01T10:30:00Z") };
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.FifteenMinutes);

        var report = Report(query, calls, [ReceiptFor(calls[1], 0.30m)]);

        report.Totals.Change.Should().Be(new ActivityChange(0m, 0m, 0m, null));
    }

    [Theory]
    [InlineData("7d", "6h", 7)]
    [InlineData("24h", "1h", 1)]
    [InlineData("30d", "1d", 30)]
    public void Calculate_Preset_AveragesOverItsNominalDays(string range, string step, int days)
    {
        RangePreset.TryParse(range, out var preset).Should().BeTrue();
        BucketStep.TryParse(step, out var bucketStep).Should().BeTrue();
        var to = At("2026-03-31T12:00:00Z");
        var query = new ActivityQuery("acct-1", to - preset!.Length, to, bucketStep!, "Europe/Berlin", preset, ActivityGroupBy.None, 20, 0);
        var call = Call("one", Iso(to.AddHours(-1)));

        var report = Report(query, [call], [ReceiptFor(call, 21m)]);

        report.Totals.AvgPerDay.Should().Be(new ActivityAverages(Ratio(1m, days), Ratio(10m, days), Ratio(5m, days), Ratio(21m, days)));
    }

    [Fact]
    public void Calculate_RatiosThatDoNotEnd_KeepTenDecimalPlaces()
    {
        // $1 over 30 days and a third more spend than the previous period: both quotients never end.
        var to = At("2026-03-31T12:00:00Z");
        var query = new ActivityQuery("acct-1", to - RangePreset.Last30Days.Length, to, BucketStep.OneDay, "UTC",
            RangePreset.Last30Days, ActivityGroupBy.None, 20, 0);
        var now = Call("now", Iso(to.AddHours(-1)));
        var before = Call("before", Iso(to.AddDays(-31)));

        var report = Report(query, [now, before], [ReceiptFor(now, 1m), ReceiptFor(before, 0.75m)]);

        report.Totals.AvgPerDay!.Spend.Should().Be(0.0333333333m);
        report.Totals.AvgPerDay.Requests.Should().Be(0.0333333333m);
        report.Totals.Change.Spend.Should().Be(33.3333333333m);
        report.Totals.Current.Spend.Should().Be(1m, "the total itself stays exact");
    }

    private static decimal Ratio(decimal value, int days) => Math.Round(value / days, ActivityCalculator.RatioDecimals, MidpointRounding.AwayFromZero);

    [Theory]
    [InlineData("2026-03-25T00:00:00+01:00", "2026-04-01T00:00:00+02:00", "Europe/Berlin", "7")]
    [InlineData("2026-05-01T00:00:00Z", "2026-05-02T12:00:00Z", "UTC", "1.5")]
    [InlineData("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", "Europe/Berlin", "1")]
    public void Calculate_CustomRange_AveragesOverLocalWallClockDays(string from, string to, string zone, string days)
    {
        var call = Call("one", Iso(At(from).AddHours(1)));
        var query = Query(from, to, BucketStep.OneDay, zone);

        var report = Report(query, [call], [ReceiptFor(call, 3m)]);

        report.Totals.AvgPerDay!.Spend.Should().Be(
            Math.Round(3m / decimal.Parse(days, CultureInfo.InvariantCulture), ActivityCalculator.RatioDecimals, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void Calculate_CustomRangeUnderADay_HasNoAverage()
    {
        var query = Query("2026-05-01T00:00:00Z", "2026-05-01T23:59:59Z", BucketStep.OneHour);

        Report(query, [], []).Totals.AvgPerDay.Should().BeNull();
    }

    [Fact]
    public void Calculate_GroupByModel_KeepsTopFiveFoldsTheRestAndAddsUpToTheTotals()
    {
        // Arrange: seven models with spends 7..1, "m-tie" ties "m2" on spend but has more requests.
        var calls = new List<UsageEvent>();
        var receipts = new List<ReceiptRecord>();
        var spends = new (string Model, decimal Spend, int Count)[]
        {
            ("m1", 7m, 1), ("m2", 6m, 1), ("m-tie", 6m, 2), ("m4", 4m, 1), ("m5", 3m, 1), ("m6", 2m, 1), ("", 1m, 1),
        };
        var minute = 0;
        foreach (var (model, spend, count) in spends)
        {
            for (var i = 0; i < count; i++, minute += 3)
            {
                var call = Call($"{model}-{i}", Iso(At("2026-05-01T10:00:00Z").AddMinutes(minute)), model: model);
                calls.Add(call);
                receipts.Add(ReceiptFor(call, spend / count));
            }
        }

        receipts.Add(Receipt("no-such-call", "2026-05-01T10:50:00Z", 0.5m));
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.FifteenMinutes, groupBy: ActivityGroupBy.Model);

        // Act
        var report = Report(query, calls, receipts);

        // Assert
        report.Groups.Select(g => g.Key).Should().Equal("m1", "m-tie", "m2", "m4", "m5", "Other", "Unattributed");
        report.Groups.Single(g => g.Key == "Other").Buckets.Sum(b => b.Spend).Should().Be(3m, "m6 and the unknown model fold in");
        report.Groups.Single(g => g.Key == "Unattributed").Buckets.Sum(b => b.Spend).Should().Be(0.5m);
        for (var i = 0; i < report.Buckets.Count; i++)
        {
            report.Groups.Sum(g => g.Buckets[i].Spend).Should().Be(report.Buckets[i].Spend);
            report.Groups.Sum(g => g.Buckets[i].Requests).Should().Be(report.Buckets[i].Requests);
            report.Groups.Should().OnlyContain(g => g.Buckets[i].Start == report.Buckets[i].Start);
        }
    }

    [Fact]
    public void Calculate_GroupByProvider_UsesTheProviderAndUnknownForEmpty()
    {
        var calls = new[]
        {
            Call("a", "2026-05-01T10:01:00Z", provider: "anthropic"),
            Call("b", "2026-05-01T10:02:00Z", provider: ""),
        };
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.OneHour, groupBy: ActivityGroupBy.Provider);

        var report = Report(query, calls, Billed(calls, 2m, 1m));

        report.Groups.Select(g => (g.Key, g.Buckets.Single().Spend)).Should().Equal(("anthropic", 2m), ("Unknown", 1m));
    }

    [Fact]
    public void Calculate_NoGroupBy_HasNoGroups()
    {
        var calls = new[] { Call("a", "2026-05-01T10:01:00Z") };
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.OneHour);

        Report(query, calls, [Receipt("x", "2026-05-01T10:05:00Z", 1m)]).Groups.Should().BeEmpty();
    }

    [Fact]
    public void Calculate_Paging_ReturnsNewestFirstWithStableTiesAndNextOffset()
    {
        // Arrange
        var calls = new[]
        {
            Call("b", "2026-05-01T10:10:00Z"),
            Call("a", "2026-05-01T10:10:00Z"),
            Call("c", "2026-05-01T10:20:00Z"),
            Call("", "2026-05-01T10:05:00Z", tokensIn: 1),
            Call("", "2026-05-01T10:05:00Z", tokensIn: 2),
            Call("d", "2026-05-01T09:59:00Z"),
        };
        Func<int, ActivityQuery> page = offset =>
            Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.FifteenMinutes, limit: 2, offset: offset);

        // Act
        var first = Report(page(0), calls, []);
        var second = Report(page(2), calls, []);
        var third = Report(page(4), calls, []);

        // Assert
        first.Rows.Select(r => r.CallId).Should().Equal("c", "a");
        second.Rows.Select(r => (r.CallId, r.TokensIn)).Should().Equal(("b", 10L), ("", 1L));
        third.Rows.Select(r => (r.CallId, r.TokensIn)).Should().Equal(("", 2L));
        (first.TotalRows, first.NextOffset).Should().Be((5, 2));
        (second.TotalRows, second.NextOffset).Should().Be((5, 4));
        (third.TotalRows, third.NextOffset).Should().Be((5, (int?)null));
    }

    [Fact]
    public void Calculate_Row_CarriesTelemetryAndTokensPerSecond()
    {
        var call = Call(
            "r",
            "2026-05-01T10:00:00Z",
            model: "claude",
            provider: "anthropic",
            tokensIn: 300,
            tokensOut: 200,
            providerCost: 0.002m,
            end: "2026-05-01T10:00:06Z",
            firstToken: "2026-05-01T10:00:02Z",
            status: UsageStatus.Failure,
            durationMs: 6000);
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.OneHour);

        var row = Report(query, [call], [ReceiptFor(call, 0.0024m)]).Rows.Single();

        row.Should().Be(new ActivityRow(
            "r", At("2026-05-01T10:00:00Z"), "claude", "anthropic", 300, 200, 0.0024m, 0.002m, 6000, 50.0, UsageStatus.Failure));
    }

    [Theory]
    [InlineData(null, "2026-05-01T10:00:06Z", 200)]
    [InlineData("2026-05-01T10:00:06Z", null, 200)]
    [InlineData("2026-05-01T10:00:06Z", "2026-05-01T10:00:06Z", 200)]
    [InlineData("2026-05-01T10:00:06Z", "2026-05-01T10:00:07Z", 200)]
    [InlineData("2026-05-01T10:00:06Z", "2026-05-01T10:00:02Z", 0)]
    public void Calculate_TokensPerSecondNotMeasurable_IsNull(string? end, string? firstToken, long tokensOut)
    {
        var call = Call("r", "2026-05-01T10:00:00Z", tokensOut: tokensOut, end: end, firstToken: firstToken);
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.OneHour);

        Report(query, [call], []).Rows.Single().TokensPerSecond.Should().BeNull();
    }

    [Fact]
    public void Calculate_CallWithoutReceipt_ShowsMissingBilledAndAddsNoSpend()
    {
        var call = Call("r", "2026-05-01T10:00:00Z", providerCost: 0.7m);
        var query = Query("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z", BucketStep.OneHour);

        var report = Report(query, [call], []);

        report.Rows.Single().Billed.Should().BeNull();
        report.Buckets.Single().Should().BeEquivalentTo(new { Requests = 1L, Spend = 0m, ProviderCost = 0.7m });
    }

    private static ReceiptRecord[] Billed(IReadOnlyList<UsageEvent> calls, params decimal[] amounts) =>
        calls.Zip(amounts, ReceiptFor).ToArray();

    private static ActivityBucket Bucket(ActivityReport report, string start) => report.Buckets.Single(b => b.Start == At(start));

    private static string Label(DateTimeOffset start) => start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);
}
