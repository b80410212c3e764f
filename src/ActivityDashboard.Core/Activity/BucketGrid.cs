using NodaTime;

namespace ActivityDashboard.Core.Activity;

/// <summary>
/// The bucket edges of one window on the viewer's local wall-clock grid (spec section 3.5).
/// </summary>
/// <remarks>
/// An edge is every instant whose local time in the zone lies on the step's grid (local minutes or hours of the day
/// for sub-day steps, local midnight for <c>1d</c>). Within one zone interval the grid is regular; across a
/// daylight-saving transition the bucket is as long in real time as the wall clock says, so a fall-back night gives
/// two buckets with the same local label and different offsets, and a local day may last 23 or 25 hours. Where a
/// transition moves the clock by less than the step (Lord Howe's 30-minute shift with a 1h step), the bucket around
/// it keeps its on-grid start and runs to the next on-grid local time: 1.5 or 0.5 hours of real time.
/// The first bucket starts at the last edge at or before <c>from</c>, the last ends at the first edge at or after
/// <c>to</c>; both keep their grid edges and are partial when the range cuts them.
/// </remarks>
public sealed class BucketGrid
{
    /// <summary>A grid larger than this is refused outright; the parser keeps explicit steps to 1,000 buckets.</summary>
    public const int MaxBucketCount = 100_000;

    private readonly long[] _edgeTicks;
    private readonly long[] _offsetTicks;

    private BucketGrid(DateTimeOffset from, DateTimeOffset to, BucketStep step, long[] edgeTicks, long[] offsetTicks)
    {
        From = from;
        To = to;
        Step = step;
        _edgeTicks = edgeTicks;
        _offsetTicks = offsetTicks;
    }

    /// <summary>The inclusive start of the range (UTC).</summary>
    public DateTimeOffset From { get; }

    /// <summary>The exclusive end of the range (UTC).</summary>
    public DateTimeOffset To { get; }

    public BucketStep Step { get; }

    /// <summary>How many buckets the range touches.</summary>
    public int Count => _edgeTicks.Length - 1;

    /// <summary>Builds the grid of <c>[<paramref name="from"/>, <paramref name="to"/>)</c> in <paramref name="zone"/>.</summary>
    public static BucketGrid Create(DateTimeOffset from, DateTimeOffset to, BucketStep step, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, to);

        var stepTicks = step.NominalLength.Ticks;
        var toTicks = to.UtcTicks;
        var edges = new List<long>();
        var offsets = new List<long>();

        var (edge, offset) = LastEdgeAtOrBefore(from.UtcTicks, stepTicks, zone);
        edges.Add(edge);
        offsets.Add(offset);
        while (edge < toTicks)
        {
            (edge, offset) = FirstEdgeAtOrAfter(edge + 1, stepTicks, zone);
            edges.Add(edge);
            offsets.Add(offset);
            if (edges.Count > MaxBucketCount + 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(step),
                    step,
                    $"The range gives more than {MaxBucketCount} buckets of {step.Code}.");
            }
        }

        return new BucketGrid(from.ToUniversalTime(), to.ToUniversalTime(), step, [.. edges], [.. offsets]);
    }

    /// <summary>The start of bucket <paramref name="index"/>, carrying the zone's offset at that instant.</summary>
    public DateTimeOffset GetStart(int index) => ToZoned(_edgeTicks[index], _offsetTicks[index]);

    /// <summary>The exclusive end of bucket <paramref name="index"/>, carrying the zone's offset at that instant.</summary>
    public DateTimeOffset GetEnd(int index) => ToZoned(_edgeTicks[index + 1], _offsetTicks[index + 1]);

    /// <summary>Whether the range cuts bucket <paramref name="index"/> (only the first and last can be cut).</summary>
    public bool IsPartial(int index) =>
        (index == 0 && _edgeTicks[0] < From.UtcTicks) || (index == Count - 1 && _edgeTicks[^1] > To.UtcTicks);

    /// <summary>The bucket holding <paramref name="instant"/>, or -1 when it lies outside <c>[From, To)</c>.</summary>
    public int IndexOf(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        if (ticks < From.UtcTicks || ticks >= To.UtcTicks)
        {
            return -1;
        }

        var found = Array.BinarySearch(_edgeTicks, ticks);

        return found >= 0 ? found : ~found - 1;
    }

    private static (long Edge, long Offset) LastEdgeAtOrBefore(long utcTicks, long stepTicks, DateTimeZone zone)
    {
        var probe = utcTicks;
        while (true)
        {
            var interval = zone.GetZoneInterval(ToInstant(probe));
            var offset = interval.WallOffset.Ticks;
            var intervalStart = interval.HasStart ? ToUtcTicks(interval.Start) : long.MinValue;
            var candidate = FloorToGrid(probe + offset, stepTicks) - offset;
            if (candidate >= intervalStart)
            {
                return (candidate, offset);
            }

            // No grid point in this interval before the probe: the edge lies in the interval before.
            probe = intervalStart - 1;
        }
    }

    private static (long Edge, long Offset) FirstEdgeAtOrAfter(long utcTicks, long stepTicks, DateTimeZone zone)
    {
        var probe = utcTicks;
        while (true)
        {
            var interval = zone.GetZoneInterval(ToInstant(probe));
            var offset = interval.WallOffset.Ticks;
            var intervalEnd = interval.HasEnd ? ToUtcTicks(interval.End) : long.MaxValue;
            var candidate = CeilingToGrid(probe + offset, stepTicks) - offset;
            if (candidate < intervalEnd)
            {
                return (candidate, offset);
            }

            // The next grid point falls past a transition: look for it in the next interval's offset.
            probe = intervalEnd;
        }
    }

    // Local ticks count from 0001-01-01T00:00 local, a midnight, and every step divides a day, so multiples of the
    // step are exactly the grid points. Ranges of interest are far from year 1, so the values stay positive.
    private static long FloorToGrid(long localTicks, long stepTicks) => localTicks - (localTicks % stepTicks);

    private static long CeilingToGrid(long localTicks, long stepTicks)
    {
        var remainder = localTicks % stepTicks;

        return remainder == 0 ? localTicks : localTicks - remainder + stepTicks;
    }

    private static Instant ToInstant(long utcTicks) => Instant.FromUnixTimeTicks(utcTicks - DateTimeOffset.UnixEpoch.UtcTicks);

    private static long ToUtcTicks(Instant instant) => instant.ToUnixTimeTicks() + DateTimeOffset.UnixEpoch.UtcTicks;

    private static DateTimeOffset ToZoned(long utcTicks, long offsetTicks)
    {
        // DateTimeOffset holds whole-minute offsets only; historical zone offsets with seconds keep the instant
        // exact and round the label's offset.
        var minutes = Math.Round(offsetTicks / (decimal)TimeSpan.TicksPerMinute, MidpointRounding.AwayFromZero);

        return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes((long)minutes));
    }
}
