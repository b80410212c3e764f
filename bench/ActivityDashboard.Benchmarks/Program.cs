// Run from the repository root: dotnet run -c Release --project bench/ActivityDashboard.Benchmarks
using System.Diagnostics;
using System.Globalization;
using ActivityDashboard.Benchmarks;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Measures ActivityService.GetActivityAsync over in-memory sources that hand back prepared lists, so what is timed is
// the join, the bucketing, the breakdown and the page of rows. Cost per call should stay flat as the calls grow.
const int Repeats = 5;
var sizes = new[] { 10_000, 100_000, 1_000_000 };
var to = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);
var query = new ActivityQuery(
    "acct-bench",
    to.AddDays(-30),
    to,
    BucketStep.OneHour,
    "Europe/Berlin",
    Preset: null,
    ActivityGroupBy.Model,
    Limit: 20,
    Offset: 0);

Console.WriteLine("30-day window, 1h buckets in Europe/Berlin (DST inside), breakdown by model, one receipt per call plus 1% orphans.");
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Best of {Repeats} runs after a warm-up; allocations are the whole calculation."));
Console.WriteLine();
Console.WriteLine("     calls |  time (ms) |  ns / call | allocated (MB) | bytes / call");
Console.WriteLine("-----------+------------+------------+----------------+-------------");

await MeasureAsync(SyntheticData.Create(10_000, query), query, repeats: 2, print: false);
foreach (var size in sizes)
{
    var data = SyntheticData.Create(size, query);
    await MeasureAsync(data, query, Repeats, print: true);
}

await ExportMeasurement.RunAsync(query, sizes);

static async Task MeasureAsync(SyntheticData data, ActivityQuery query, int repeats, bool print)
{
    var service = new ActivityService(
        new InMemoryUsagePort(data.Calls),
        new InMemoryReceiptStore(data.Receipts),
        Options.Create(new BillingOptions()),
        NullLogger<ActivityService>.Instance);

    var bestTicks = long.MaxValue;
    var bestBytes = long.MaxValue;
    ActivityReport? report = null;
    for (var i = 0; i < repeats; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();

        report = await service.GetActivityAsync(query, CancellationToken.None);

        var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        bestTicks = Math.Min(bestTicks, elapsed);
        bestBytes = Math.Min(bestBytes, allocated);
    }

    if (!print)
    {
        return;
    }

    var calls = data.Calls.Count;
    var milliseconds = bestTicks / (double)TimeSpan.TicksPerMillisecond;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{calls,10:N0} | {milliseconds,10:F1} | {bestTicks * 100.0 / calls,10:F0} | "
        + $"{bestBytes / 1048576.0,14:F1} | {bestBytes / (double)calls,12:F0}"));
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"           (window: {report!.TotalRows:N0} calls, {report.Buckets.Count} buckets, {report.Groups.Count} groups, "
        + $"{report.OrphanReceipts.Count:N0} orphans, "
        + $"spend {MoneyFormatter.Format(report.Totals.Current.Spend, CultureInfo.InvariantCulture)})"));
}
