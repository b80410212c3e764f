using System.Diagnostics;
using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Services;
using ActivityDashboard.Endpoints;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Benchmarks;

/// <summary>
/// Writes the CSV export of growing windows through the app's own writer into a stream that only counts bytes, and
/// measures how much the live managed heap grows while the rows are written.
/// </summary>
/// <remarks>
/// The fetched calls and receipts are in memory before the first line is written (the export reads both sources in
/// full first, so a failure never leaves half a file); that is the baseline. If the rows stream, the heap's growth over
/// the baseline stays small and flat while the file grows with the window. A writer that built the file in memory
/// would grow by at least the file's size (twice that in UTF-16).
/// </remarks>
internal static class ExportMeasurement
{
    private const long SampleEveryBytes = 1024 * 1024;

    public static async Task RunAsync(ActivityQuery query, IReadOnlyList<int> sizes)
    {
        Console.WriteLine();
        Console.WriteLine("CSV export of the same window through the app's CSV writer, into a stream that only counts bytes.");
        Console.WriteLine("Live heap figures are after a full collection. Sources: the calls and receipts the in-memory port and");
        Console.WriteLine("store hand out. Export: what GetExportAsync keeps (its report, the joined receipts, the row order).");
        Console.WriteLine("Growth: the largest live heap sampled every 1 MB written, minus the live heap before the first line.");
        Console.WriteLine();
        Console.WriteLine("     calls |  time (ms) |  file (MB) | sources (MB) | export (MB) | growth while writing (MB)");
        Console.WriteLine("-----------+------------+------------+--------------+-------------+--------------------------");

        foreach (var size in sizes)
        {
            await MeasureAsync(query, size);
        }
    }

    private static async Task MeasureAsync(ActivityQuery query, int size)
    {
        var empty = LiveBytes();
        var data = SyntheticData.Create(size, query);
        var service = new ActivityService(
            new InMemoryUsagePort(data.Calls),
            new InMemoryReceiptStore(data.Receipts),
            Options.Create(new BillingOptions()),
            NullLogger<ActivityService>.Instance);
        var withSources = LiveBytes();

        // Timing: best of three, nothing sampled.
        var bestTicks = long.MaxValue;
        long fileBytes = 0;
        for (var i = 0; i < 3; i++)
        {
            var export = await service.GetExportAsync(query, CancellationToken.None);
            var counting = new CountingStream(sampleEveryBytes: 0);
            var started = Stopwatch.GetTimestamp();
            await WriteAsync(counting, export);
            bestTicks = Math.Min(bestTicks, Stopwatch.GetElapsedTime(started).Ticks);
            fileBytes = counting.Length;
        }

        // Memory: one more run, the live heap sampled as the file grows.
        var measured = await service.GetExportAsync(query, CancellationToken.None);
        var beforeWriting = LiveBytes();
        var sampling = new CountingStream(SampleEveryBytes);
        await WriteAsync(sampling, measured);
        GC.KeepAlive(measured);
        GC.KeepAlive(data);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{size,10:N0} | {bestTicks / (double)TimeSpan.TicksPerMillisecond,10:F0} | {Megabytes(fileBytes),10:F1} | "
            + $"{Megabytes(withSources - empty),12:F1} | {Megabytes(beforeWriting - withSources),11:F1} | "
            + $"{Megabytes(Math.Max(0, sampling.PeakLiveBytes - beforeWriting)),6:F1} (largest of {sampling.Samples} samples)"));
    }

    private static long LiveBytes() => GC.GetTotalMemory(forceFullCollection: true);

    private static double Megabytes(long bytes) => bytes / 1048576.0;

    private static async Task WriteAsync(Stream stream, ActivityExport export)
    {
        await using var writer = ActivityCsv.CreateWriter(stream);
        await ActivityCsv.WriteAsync(writer, export, includeProviderCost: true, CancellationToken.None);
    }

    /// <summary>Counts what is written and, when asked, samples the live heap every so many bytes.</summary>
    private sealed class CountingStream(long sampleEveryBytes) : Stream
    {
        private readonly long _sampleEveryBytes = sampleEveryBytes;
        private long _length;
        private long _nextSampleAt = sampleEveryBytes;

        public long PeakLiveBytes { get; private set; }

        public int Samples { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Count(count);

        public override void Write(ReadOnlySpan<byte> buffer) => Count(buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Count(count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count(buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Count(int bytes)
        {
            _length += bytes;
            if (_sampleEveryBytes > 0 && _length >= _nextSampleAt)
            {
                PeakLiveBytes = Math.Max(PeakLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
                Samples++;
                _nextSampleAt += _sampleEveryBytes;
            }
        }
    }
}
