using System.Globalization;
using ActivityDashboard.Core.Activity;
using NodaTime;

namespace ActivityDashboard.Model;

/// <summary>How the page writes numbers, times and bucket labels. Money always goes through <see cref="MoneyFormatter"/>.</summary>
public static class ActivityFormat
{
    public static string Count(long value, CultureInfo culture) => value.ToString("N0", culture);

    /// <summary>
    /// A change in percent, always with one decimal so neighbouring cards line up (<c>-6.0%</c> beside <c>-5.7%</c>,
    /// never <c>-6%</c>), its sign and the culture's separators (<c>+1,012.9%</c>), or <c>n/a</c>.
    /// </summary>
    public static string Percent(decimal? change, CultureInfo culture)
    {
        if (change is not { } value)
        {
            return "n/a";
        }

        // The sign is the shown number's: a change that rounds to zero reads "0.0%", not "+0.0%".
        var shown = Math.Round(value, 1, MidpointRounding.AwayFromZero);

        return (shown > 0 ? "+" : "") + (shown == 0 ? 0m : shown).ToString("#,0.0", culture) + "%";
    }

    /// <summary>
    /// A value-axis label: the gridline's drawn value divided back by the chart's <paramref name="scale"/>. Money is
    /// exact (<c>$0.015</c>, <c>$0.02</c>, <c>$0.025</c>): gridlines fall on round values that the display rule, cents from
    /// a cent up, would merge into two "$0.02". Counts are whole numbers with the culture's grouping.
    /// </summary>
    public static string AxisValue(double drawn, double scale, ActivityMetric metric, CultureInfo culture) =>
        metric == ActivityMetric.Spend
            ? MoneyFormatter.FormatExact((decimal)(drawn / scale), culture)
            : (drawn / scale).ToString("N0", culture);

    public static string PerDay(decimal value, CultureInfo culture) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", culture);

    /// <summary>
    /// An instant on the viewer's wall clock in the viewer's culture, with the zone's abbreviation: <c>4/6/2026 9:10:00 AM
    /// CDT</c> in en-US, <c>06.04.2026 09:10:00 CDT</c> in de-DE.
    /// </summary>
    public static string Time(DateTimeOffset instant, string timeZoneId, CultureInfo culture)
    {
        var zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        var zoned = Instant.FromDateTimeOffset(instant).InZone(zone);

        return zoned.ToDateTimeOffset().DateTime.ToString("G", culture) + " " + zoned.GetZoneInterval().Name;
    }

    /// <summary>
    /// A range as a person reads it: whole local days as days, the last one included (<c>9/5/2026 to 9/14/2026
    /// (UTC)</c>, one day alone as <c>9/5/2026 (UTC)</c>), anything else as its two instants (<see cref="Time"/>).
    /// </summary>
    public static string Range(DateTimeOffset from, DateTimeOffset to, string timeZoneId, CultureInfo culture)
    {
        var zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        if (!IsStartOfLocalDay(from, zone) || !IsStartOfLocalDay(to, zone) || to <= from)
        {
            return Time(from, timeZoneId, culture) + " to " + Time(to, timeZoneId, culture);
        }

        var first = Instant.FromDateTimeOffset(from).InZone(zone).Date.ToDateOnly().ToString("d", culture);
        var last = Instant.FromDateTimeOffset(to).InZone(zone).Date.PlusDays(-1).ToDateOnly().ToString("d", culture);

        return (first == last ? first : first + " to " + last) + " (" + timeZoneId + ")";
    }

    /// <summary>
    /// Whether <paramref name="instant"/> is where a local day begins in <paramref name="zone"/>: midnight, or the first
    /// instant after it where a change of clocks skips midnight (Santiago's spring day starts at 01:00).
    /// </summary>
    public static bool IsStartOfLocalDay(DateTimeOffset instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);

        var at = Instant.FromDateTimeOffset(instant);

        return at.InZone(zone).Date.AtStartOfDayInZone(zone).ToInstant() == at;
    }

    /// <summary>
    /// Short labels for the buckets on the chart's axis, in the viewer's culture: the time of day, the day and month
    /// with the time when the range spans days, the date alone for daily buckets. Where two buckets would read the same
    /// (the repeated hour of a fall-back night), both carry their offset.
    /// </summary>
    public static string[] BucketLabels(IReadOnlyList<ActivityBucket> buckets, BucketStep step, CultureInfo culture)
    {
        var days = buckets.Count > 0 ? (buckets[^1].Start.Date - buckets[0].Start.Date).TotalDays : 0;
        var timeOfDay = culture.DateTimeFormat.ShortTimePattern;
        var dayAndTime = ShortMonthDayPattern(culture) + " " + timeOfDay;
        var format = step == BucketStep.OneDay ? culture.DateTimeFormat.ShortDatePattern : days > 1 ? dayAndTime : timeOfDay;
        var labels = Format(buckets, format, culture);

        // The same time of day on two dates (the ends of a 24-hour range) needs the date to tell them apart.
        if (format == timeOfDay && RepeatsAcrossDates(buckets, labels))
        {
            labels = Format(buckets, dayAndTime, culture);
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

    /// <summary>
    /// The culture's short date without its year (<c>M/d</c> in en-US, <c>dd.MM</c> in de-DE, <c>MM/dd</c> in ja-JP):
    /// .NET has no such pattern, and the long month-day pattern ("April 6") is too wide for an axis.
    /// </summary>
    public static string ShortMonthDayPattern(CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.ShortDatePattern;
        var first = pattern.IndexOf('y', StringComparison.Ordinal);
        var last = pattern.LastIndexOf('y');
        if (first < 0)
        {
            return pattern;
        }

        // The year goes with the separator that joins it to the rest: "/yyyy" in "M/d/yyyy", "yyyy/" in "yyyy/MM/dd",
        // "yyyy. " in "yyyy. M. d.", ".yyyy 'г'." in "d.MM.yyyy 'г'.".
        string withoutYear;
        if (first == 0)
        {
            var end = last + 1;
            while (end < pattern.Length && IsSeparator(pattern[end]))
            {
                end++;
            }

            withoutYear = pattern[end..];
        }
        else
        {
            var start = first;
            while (start > 0 && IsSeparator(pattern[start - 1]))
            {
                start--;
            }

            // What follows a trailing year (an era, a quoted "year" word) belongs to it.
            var rest = pattern[(last + 1)..];
            withoutYear = pattern[..start] + (rest.IndexOfAny(['d', 'M']) >= 0 ? rest : "");
        }

        // A pattern left with no day or no month (an unusual calendar's) falls back to the month-day pattern.
        return withoutYear.Contains('d', StringComparison.Ordinal) && withoutYear.Contains('M', StringComparison.Ordinal)
            ? withoutYear.Trim()
            : culture.DateTimeFormat.MonthDayPattern;
    }

    private static bool IsSeparator(char c) => !char.IsLetter(c) && c != '\'';

    private static string[] Format(IReadOnlyList<ActivityBucket> buckets, string format, CultureInfo culture) =>
        buckets.Select(b => b.Start.DateTime.ToString(format, culture)).ToArray();

    private static bool RepeatsAcrossDates(IReadOnlyList<ActivityBucket> buckets, string[] labels) =>
        labels.Select((label, i) => (label, buckets[i].Start.Date))
            .GroupBy(x => x.label, StringComparer.Ordinal)
            .Any(g => g.Select(x => x.Date).Distinct().Count() > 1);

    /// <summary>A bucket's full label for the table view, e.g. <c>10/25/2026 2:00 AM (+01:00)</c> in en-US.</summary>
    public static string BucketStart(ActivityBucket bucket, CultureInfo culture) =>
        bucket.Start.DateTime.ToString("g", culture) + " (" + bucket.Start.ToString("zzz", CultureInfo.InvariantCulture) + ")";

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
