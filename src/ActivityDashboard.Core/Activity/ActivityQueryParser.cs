using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ActivityDashboard.Core.Activity;

/// <summary>
/// Turns the user's raw choices into a pinned <see cref="ActivityQuery"/>, or says which input is wrong
/// (spec sections 3 and 6).
/// </summary>
public static partial class ActivityQueryParser
{
    /// <summary>The longest custom range.</summary>
    public static readonly TimeSpan MaxRangeLength = TimeSpan.FromDays(90);

    /// <summary>An automatic step is the finest giving at most this many buckets.</summary>
    public const int MaxAutoBuckets = 48;

    /// <summary>An explicit step giving more buckets than this is refused.</summary>
    public const int MaxExplicitBuckets = 1_000;

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const string DefaultTimeZone = "UTC";

    /// <summary>Custom ranges lie within these instants.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc cref="EarliestInstant"/>
    public static readonly DateTimeOffset LatestInstant = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxEchoLength = 64;

    private const string StepCodes = "5m, 15m, 1h, 6h, 1d";
    private const string RangeCodes = "1h, 24h, 7d, 30d";

    // ISO 8601 with a mandatory offset ('Z' or ±hh:mm); seconds and fractions optional.
    private static readonly string[] s_instantFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>
    /// Validates <paramref name="input"/> and resolves presets against <paramref name="now"/>.
    /// </summary>
    /// <remarks>
    /// Defaults: range <c>24h</c>, the finest step giving at most 48 buckets, zone <c>UTC</c>, no breakdown, 20 rows,
    /// offset 0. A preset is <c>[now − length, now)</c> exactly; a custom range that reaches past now ends at now
    /// (<see cref="ActivityQuery.CutAtNow"/>), one that starts at or after now is refused. <see cref="ActivityQuery.TimeZoneId"/> keeps the zone
    /// id as the caller spelled it (an alias such as <c>Asia/Calcutta</c> stays an alias; NodaTime resolves it to the
    /// same rules). <see cref="ActivityQuery.From"/> and <see cref="ActivityQuery.To"/> are UTC.
    /// </remarks>
    public static bool TryParse(
        ActivityQueryInput input,
        string accountId,
        DateTimeOffset now,
        [NotNullWhen(true)] out ActivityQuery? query,
        [NotNullWhen(false)] out ActivityQueryError? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(accountId);

        query = null;
        if (!TryParseRange(input, now, out var from, out var to, out var preset, out var cutAtNow, out error)
            || !TryParseTimeZone(input.TimeZone, out var timeZoneId, out error)
            || !TryParseStep(input.Step, to - from, out var step, out error)
            || !TryParseGroupBy(input.GroupBy, out var groupBy, out error)
            || !TryParseLimit(input.Limit, out var limit, out error))
        {
            return false;
        }

        query = new ActivityQuery(accountId, from, to, step, timeZoneId, preset, groupBy, limit, Offset: 0) { CutAtNow = cutAtNow };

        return true;
    }

    /// <summary>Whether an explicit <paramref name="step"/> is allowed over a range of <paramref name="length"/>.</summary>
    public static bool AllowsStep(TimeSpan length, BucketStep step) => CountNominalBuckets(length, step) <= MaxExplicitBuckets;

    /// <summary>How many steps of <paramref name="step"/> cover <paramref name="length"/>, counted by nominal length.</summary>
    public static long CountNominalBuckets(TimeSpan length, BucketStep step)
    {
        ArgumentNullException.ThrowIfNull(step);

        var stepTicks = step.NominalLength.Ticks;

        return (length.Ticks + stepTicks - 1) / stepTicks;
    }

    private static bool TryParseRange(
        ActivityQueryInput input,
        DateTimeOffset now,
        out DateTimeOffset from,
        out DateTimeOffset to,
        out RangePreset? preset,
        out bool cutAtNow,
        [NotNullWhen(false)] out ActivityQueryError? error)
    {
        from = default;
        to = default;
        preset = null;
        cutAtNow = false;
        error = null;

        var hasFrom = !string.IsNullOrWhiteSpace(input.From);
        var hasTo = !string.IsNullOrWhiteSpace(input.To);
        if (hasFrom || hasTo)
        {
            if (!hasFrom || !hasTo)
            {
                var missing = hasFrom ? "to" : "from";
                error = RangeError($"A custom range needs both 'from' and 'to'; '{missing}' is missing.");

                return false;
            }

            if (!TryParseInstant(input.From!, out var parsedFrom))
            {
                error = RangeError($"Invalid 'from' value '{Echo(input.From)}'. {InstantHint(input.From!)}");

                return false;
            }

            if (!TryParseInstant(input.To!, out var parsedTo))
            {
                error = RangeError($"Invalid 'to' value '{Echo(input.To)}'. {InstantHint(input.To!)}");

                return false;
            }

            if (parsedFrom >= parsedTo)
            {
                error = RangeError($"Invalid 'to' value '{Echo(input.To)}': it must be after 'from' ('{Echo(input.From)}').");

                return false;
            }

            if (parsedTo - parsedFrom > MaxRangeLength)
            {
                error = RangeError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Invalid range 'from' '{Echo(input.From)}' to 'to' '{Echo(input.To)}': a custom range is at most {MaxRangeLength.Days} days."));

                return false;
            }

            // Far-off years are refused here: the previous period and the join's grace are computed from these
            // instants, and near the ends of the calendar they would not be representable.
            if (parsedFrom < EarliestInstant || parsedTo > LatestInstant)
            {
                error = RangeError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Invalid range 'from' '{Echo(input.From)}' to 'to' '{Echo(input.To)}': a custom range must lie between {EarliestInstant:yyyy-MM-dd} and {LatestInstant:yyyy-MM-dd} (UTC)."));

                return false;
            }

            // Nothing has happened after now: a range reaching past it ends at now (its last bucket then partial), and
            // one starting there has nothing to show and is refused, rather than drawn as zeros that look measured.
            var nowUtc = now.ToUniversalTime();
            if (parsedFrom >= nowUtc)
            {
                error = RangeError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Invalid 'from' value '{Echo(input.From)}': it is not before now ({nowUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}), so nothing can have happened in the range yet."));

                return false;
            }

            from = parsedFrom.ToUniversalTime();
            to = parsedTo.ToUniversalTime();
            if (to > nowUtc)
            {
                to = nowUtc;
                cutAtNow = true;
            }

            return true;
        }

        var code = string.IsNullOrWhiteSpace(input.Range) ? RangePreset.Last24Hours.Code : input.Range;
        if (!RangePreset.TryParse(code, out preset))
        {
            error = RangeError($"Unknown range '{Echo(input.Range)}'. Use one of {RangeCodes}, or give both 'from' and 'to'.");

            return false;
        }

        to = now.ToUniversalTime();
        from = to - preset.Length;

        return true;
    }

    private static bool TryParseTimeZone(
        string? value,
        out string timeZoneId,
        [NotNullWhen(false)] out ActivityQueryError? error)
    {
        error = null;
        timeZoneId = string.IsNullOrWhiteSpace(value) ? DefaultTimeZone : value;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) is null)
        {
            error = new ActivityQueryError(
                ActivityQueryError.InvalidTimeZone,
                $"Unknown time zone '{Echo(value)}'. Use an IANA time zone name such as 'Europe/Berlin', 'America/New_York' or 'UTC'."
                + (LooksLikeOffset(value)
                    ? " An offset is not a zone, since a place's offset changes with its clocks: name the place ('Asia/Kolkata' for +05:30)."
                    : ""));

            return false;
        }

        return true;
    }

    private static bool TryParseStep(
        string? value,
        TimeSpan length,
        out BucketStep step,
        [NotNullWhen(false)] out ActivityQueryError? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            // The finest step giving at most 48 buckets; the coarsest when none does (custom ranges up to 90 days).
            step = BucketStep.All.FirstOrDefault(s => CountNominalBuckets(length, s) <= MaxAutoBuckets) ?? BucketStep.All[^1];

            return true;
        }

        if (!BucketStep.TryParse(value, out var parsed))
        {
            step = BucketStep.OneDay;
            error = new ActivityQueryError(ActivityQueryError.InvalidStep, $"Unknown step '{Echo(value)}'. Use one of {StepCodes}.");

            return false;
        }

        var count = CountNominalBuckets(length, parsed);
        if (count > MaxExplicitBuckets)
        {
            step = parsed;
            error = new ActivityQueryError(
                ActivityQueryError.InvalidStep,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Step '{Echo(value)}' gives {count} buckets over this range; at most {MaxExplicitBuckets} are allowed. "
                    + $"Use a coarser step (one of {string.Join(", ", BucketStep.All.Where(s => AllowsStep(length, s)).Select(s => s.Code))}) or a shorter range."));

            return false;
        }

        step = parsed;

        return true;
    }

    private static bool TryParseGroupBy(
        string? value,
        out ActivityGroupBy groupBy,
        [NotNullWhen(false)] out ActivityQueryError? error)
    {
        error = null;
        groupBy = ActivityGroupBy.None;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (string.Equals(value, "model", StringComparison.OrdinalIgnoreCase))
        {
            groupBy = ActivityGroupBy.Model;

            return true;
        }

        if (string.Equals(value, "provider", StringComparison.OrdinalIgnoreCase))
        {
            groupBy = ActivityGroupBy.Provider;

            return true;
        }

        error = new ActivityQueryError(
            ActivityQueryError.InvalidGroupBy,
            $"Unknown groupBy '{Echo(value)}'. Use one of model, provider, or leave it out for no breakdown.");

        return false;
    }

    private static bool TryParseLimit(string? value, out int limit, [NotNullWhen(false)] out ActivityQueryError? error)
    {
        error = null;
        limit = DefaultLimit;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit)
        {
            limit = DefaultLimit;
            error = new ActivityQueryError(
                ActivityQueryError.InvalidLimit,
                string.Create(CultureInfo.InvariantCulture, $"Invalid limit '{Echo(value)}'. Use a whole number from 1 to {MaxLimit}."));

            return false;
        }

        return true;
    }

    private static bool TryParseInstant(string value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(
            value.Trim(),
            s_instantFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out instant);

    /// <summary>"+05:30", "-0800", "+2", or " 05:30" (a '+' the URL turned into a space).</summary>
    private static bool LooksLikeOffset(string? value) =>
        value is not null && OffsetLike().IsMatch(value);

    [GeneratedRegex(@"^\s*[+\-\s]?\d{1,2}(:?\d{2})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetLike();

    private static string InstantHint(string value) =>
        "Use ISO 8601 with an offset, for example '2026-09-06T00:00:00+02:00' or '2026-09-06T00:00:00Z'."
        + (value.Contains(' ', StringComparison.Ordinal)
            ? " In a URL, write '+' as '%2B': a bare '+' arrives as a space."
            : "");

    /// <summary>The user's value as messages quote it: cut short, so a huge input is not echoed back whole.</summary>
    private static string Echo(string? value) =>
        value is { Length: > MaxEchoLength } ? string.Concat(value.AsSpan(0, MaxEchoLength), "…") : value ?? "";

    private static ActivityQueryError RangeError(string message) => new(ActivityQueryError.InvalidRange, message);
}
