using System.Globalization;
using ActivityDashboard.Core.Activity;
using NodaTime;

namespace ActivityDashboard.Model;

/// <summary>How the page writes numbers, times and bucket labels. Money always goes through <see cref="MoneyFormatter"/>.</summary>
public static class ActivityFormat
{
    public static string Count(long value, CultureInfo culture) => value.ToString("N0", culture);

    public static string Percent(decimal? change, CultureInfo culture) => change is { } value
        ? (value > 0 ? "+" : "") + Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", culture) + "%"
        : "n/a";

    public static string PerDay(decimal value, CultureInfo culture) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", culture);

    /// <summary>An instant on the viewer's wall clock with the zone's abbreviation, e.g. <c>2026-04-06 09:10:00 CDT</c>.</summary>
    public static string Time(DateTimeOffset instant, string timeZoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        var zoned = Instant.FromDateTimeOffset(instant).InZone(zone);
        var local = zoned.ToDateTimeOffset();

        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + zoned.GetZoneInterval().Name;
    }

    /// <summary>
    /// Short labels for the buckets on the chart's axis. Where two buckets would read the same (the repeated hour of a
    /// fall-back night), both carry their offset.
    /// </summary>
    public static string[] BucketLabels(IReadOnlyList<ActivityBucket> buckets, BucketStep step)
    {
        var days = buckets.Count > 0 ? (buckets[^1].Start.Date - buckets[0].Start.Date).TotalDays : 0;
        var format = step == BucketStep.OneDay ? "yyyy-MM-dd" : days > 1 ? "MM-dd HH:mm" : "HH:mm";
        var labels = Format(buckets, format);

        // The same time of day on two dates (the ends of a 24-hour range) needs the date to tell them apart.
        if (format == "HH:mm" && RepeatsAcrossDates(buckets, labels))
        {
            labels = Format(buckets, "MM-dd HH:mm");
        }

        // What still repeats is the same wall-clock time twice on one date: the repeated hour of a fall-back night.
        var repeated = labels.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < labels.Length; i++)
        {
            if (repeated.Contains(labels[i]))
            {
                labels[i] += " (" + buckets[i].Start.ToString("zzz", CultureInfo.InvariantCulture) + ")";
            }

            if (buckets[i].Partial)
            {
                labels[i] += "*";
            }
        }

        return labels;
    }

    private static string[] Format(IReadOnlyList<ActivityBucket> buckets, string format) =>
        buckets.Select(b => b.Start.ToString(format, CultureInfo.InvariantCulture)).ToArray();

    private static bool RepeatsAcrossDates(IReadOnlyList<ActivityBucket> buckets, string[] labels) =>
        labels.Select((label, i) => (label, buckets[i].Start.Date))
            .GroupBy(x => x.label, StringComparer.Ordinal)
            .Any(g => g.Select(x => x.Date).Distinct().Count() > 1);

    /// <summary>A bucket's full label for the table view, e.g. <c>2026-10-25 02:00 (+01:00)</c>.</summary>
    public static string BucketStart(ActivityBucket bucket) =>
        bucket.Start.ToString("yyyy-MM-dd HH:mm '('zzz')'", CultureInfo.InvariantCulture);

    /// <summary>How much of a partial bucket the range covers, e.g. <c>partial: 2m13s of 5m</c>.</summary>
    public static string PartialNote(ActivityBucket bucket, ActivityQuery query)
    {
        var start = bucket.Start > query.From ? bucket.Start : query.From;
        var end = bucket.End < query.To ? bucket.End : query.To;
        var covered = end - start;

        return "partial: " + Duration(covered) + " of " + Duration(bucket.End - bucket.Start);
    }

    private static string Duration(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(span.Days.ToString(CultureInfo.InvariantCulture) + "d");
        }

        if (span.Hours > 0)
        {
            parts.Add(span.Hours.ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (span.Minutes > 0)
        {
            parts.Add(span.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(span.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }
}
