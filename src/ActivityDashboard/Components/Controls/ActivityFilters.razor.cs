using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NodaTime;

namespace ActivityDashboard.Components.Controls;

public sealed partial class ActivityFilters
{
    private const string CustomRange = "custom";
    private const string AutoStep = "auto";
    private const string NoBreakdown = "none";

    // UTC first, then every zone of the tz database, for the searchable picker.
    private static readonly string[] s_timeZones =
        ["UTC", .. DateTimeZoneProviders.Tzdb.Ids.Where(id => !string.Equals(id, "UTC", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Inject]
    public required TimeProvider TimeProvider { get; init; }

    [Parameter]
    public string? Range { get; set; }

    [Parameter]
    public string? From { get; set; }

    [Parameter]
    public string? To { get; set; }

    [Parameter]
    public string? Step { get; set; }

    [Parameter, EditorRequired]
    public required string TimeZone { get; set; }

    [Parameter]
    public ActivityMetric Metric { get; set; }

    [Parameter]
    public string? GroupBy { get; set; }

    [Parameter]
    public EventCallback<ActivityFilterValues> OnChanged { get; set; }

    private static readonly IReadOnlyList<ChoiceOption<string>> s_rangeOptions =
        [.. RangePreset.All.Select(p => new ChoiceOption<string>(p.Code, p.Label)), new(CustomRange, "Custom")];

    private static readonly IReadOnlyList<ChoiceOption<ActivityMetric>> s_metricOptions =
    [
        new(ActivityMetric.Spend, "Spend"),
        new(ActivityMetric.Tokens, "Tokens"),
        new(ActivityMetric.Requests, "Requests"),
    ];

    /// <summary>Whether the metric and breakdown controls are shown (the reconciliation page has neither).</summary>
    [Parameter]
    public bool ShowMetricAndBreakdown { get; set; } = true;

    private string SelectedRange => From is not null || To is not null ? CustomRange : Range ?? "24h";

    private DateTime MaxPickableDate => Zone.LocalDate(TimeProvider.GetUtcNow()).ToDateTimeUnspecified();

    private static int MaxRangeDays => ActivityQueryParser.MaxRangeLength.Days;

    // The picker reads and writes typed days in the viewer's culture, captured when the circuit creates the component
    // (a render started elsewhere could run on another culture), and the hints name the same format.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    private string DatePattern => _culture.DateTimeFormat.ShortDatePattern;

    private string Today => MaxPickableDate.ToString("d", _culture);

    private string CustomRangeHint => AddressRange() is { WholeDays: false } shown
        ? $"Shown: {shown.Text}. Type days as {DatePattern} or pick them"
        : $"Type days as {DatePattern} or pick them";

    /// <summary>The message under the field: why the days typed are not used, and which range the numbers are for.</summary>
    private string? CustomRangeMessage => _customRangeError is null
        ? null
        : AddressRange() is { } shown ? $"{_customRangeError} The page still shows {shown.Text}." : _customRangeError;

    /// <summary>
    /// The range in the address as a person reads it (<see cref="ActivityFormat.Range"/>), and whether it is whole
    /// local days, which the day fields show exactly; a range between other instants shows as the days around it.
    /// </summary>
    private (string Text, bool WholeDays)? AddressRange()
    {
        if (!TryParseWindow(From, To, out var from, out var to) || to <= from)
        {
            return null;
        }

        var zone = Zone.Zone;
        var wholeDays = ActivityFormat.IsStartOfLocalDay(from, zone) && ActivityFormat.IsStartOfLocalDay(to, zone);

        return (ActivityFormat.Range(from, to, zone.Id, _culture), wholeDays);
    }

    // Why the days in the picker are not the range on the page; null while they are.
    private string? _customRangeError;

    // The days the address holds, and the days in the picker (other ones while a message says why they are not used).
    private DateRange? _addressDays;
    private DateRange? _customDates;
    private (string? From, string? To, string TimeZone) _customDatesKey;

    private DateZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is { } zone ? new DateZone(zone) : new DateZone(DateTimeZone.Utc);

    protected override void OnParametersSet()
    {
        // The picker gets the same DateRange instance until the range or zone changes: a fresh instance on every
        // render made it report a "change" that navigated, which rendered again, without end.
        var key = (From, To, TimeZone);
        if (key != _customDatesKey)
        {
            _customDatesKey = key;
            _addressDays = LocalDays();
            _customDates = _addressDays;
            _customRangeError = null;
        }
    }

    /// <summary>The custom range as local days: "6 Sep – 8 Sep" means [6 Sep 00:00, 9 Sep 00:00) on the viewer's clock.</summary>
    private DateRange? LocalDays()
    {
        if (!TryParseWindow(From, To, out var from, out var to))
        {
            return null;
        }

        var firstDay = Zone.LocalDate(from);
        var endDay = Zone.LocalDate(to.AddTicks(-1));

        return new DateRange(firstDay.ToDateTimeUnspecified(), endDay.ToDateTimeUnspecified());
    }

    private ActivityFilterValues Current => new(
        From is null && To is null ? Range : null,
        From,
        To,
        Step,
        TimeZone,
        Metric,
        GroupBy);

    private Task OnRangeChangedAsync(string value)
    {
        if (value == CustomRange)
        {
            // Start the custom range on the last seven complete local days; the picker refines it.
            var today = Zone.LocalDate(TimeProvider.GetUtcNow());

            return RaiseAsync(Current with
            {
                Range = null,
                From = Zone.StartOf(today.PlusDays(-7)),
                To = Zone.StartOf(today),
            });
        }

        return RaiseAsync(Current with { Range = value, From = null, To = null });
    }

    private Task OnCustomRangeChangedAsync(DateRange? range)
    {
        // The picker's own value goes back into it unchanged, whatever it is: handing it the address's days instead
        // made it echo them back (which cleared the message) while the field still showed what was typed.
        _customDates = range;

        // Typed text that is not a day in the viewer's format reaches us as a range without that end.
        if (range?.Start is not { } start || range.End is not { } end)
        {
            _customRangeError = $"Enter both days as {DatePattern}, for example {Today}.";

            return Task.CompletedTask;
        }

        var firstDay = LocalDate.FromDateTime(start);
        var lastDay = LocalDate.FromDateTime(end);
        _customRangeError = CustomDaysError(firstDay, lastDay);

        // Only a different choice of days changes the address; a URL range that is not on local midnights is kept
        // exactly as given until the person picks days.
        if (_customRangeError is not null || (_addressDays?.Start == start && _addressDays.End == end))
        {
            return Task.CompletedTask;
        }

        return RaiseAsync(Current with
        {
            Range = null,
            From = Zone.StartOf(firstDay),
            To = Zone.StartOf(lastDay.PlusDays(1)),
        });
    }

    /// <summary>
    /// Why typed days cannot be the range, or null when they can. The calendar offers only days that pass, but typing
    /// bypasses its limits.
    /// </summary>
    private string? CustomDaysError(LocalDate firstDay, LocalDate lastDay)
    {
        if (lastDay < firstDay)
        {
            return "The first day must not be after the last day.";
        }

        if (lastDay.ToDateTimeUnspecified() > MaxPickableDate)
        {
            return $"The last day can be today ({Today}) at the latest.";
        }

        // Measured on the wall clock's instants, as the page measures the range, so a range across a change to
        // winter time cannot pass here and be refused there.
        var length = Zone.InstantAtStartOf(lastDay.PlusDays(1)) - Zone.InstantAtStartOf(firstDay);
        if (length > ActivityQueryParser.MaxRangeLength)
        {
            var days = Period.Between(firstDay, lastDay, PeriodUnits.Days).Days + 1;

            return days > MaxRangeDays
                ? string.Create(_culture, $"A custom range is at most {MaxRangeDays} days; these are {days}.")
                : string.Create(_culture, $"A custom range is at most {MaxRangeDays} × 24 hours; a change of clocks makes these {days} days longer.");
        }

        return null;
    }

    private Task OnStepChangedAsync(string value) => RaiseAsync(Current with { Step = value == AutoStep ? null : value });

    private Task OnTimeZoneChangedAsync(string? value)
    {
        if (value is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is null)
        {
            return Task.CompletedTask;
        }

        _typedZone = null;
        ZoneNotice = null;

        return RaiseAsync(Current with { TimeZone = value });
    }

    // What was last typed into the zone picker, until a zone is chosen. Leaving the field puts the chosen zone's name
    // back (CoerceText); without a word the typing looked accepted and then silently undone.
    private string? _typedZone;

    /// <summary>Said under the zone picker when it was left holding text that names no zone.</summary>
    private string? ZoneNotice { get; set; }

    /// <summary>
    /// Leaving the zone picker: a zone's exact name (any case) is taken, as if picked from the list; any other text is
    /// named under the field with the zone still shown; the shown zone's own name, or nothing typed, says nothing.
    /// </summary>
    private async Task OnTimeZoneBlurAsync()
    {
        var typed = _typedZone?.Trim();
        _typedZone = null;
        if (string.IsNullOrEmpty(typed) || string.Equals(typed, TimeZone, StringComparison.OrdinalIgnoreCase))
        {
            ZoneNotice = null;

            return;
        }

        if (s_timeZones.FirstOrDefault(id => string.Equals(id, typed.Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            await OnTimeZoneChangedAsync(exact);

            return;
        }

        ZoneNotice = $"'{typed}' is not a time zone; still showing {TimeZone}. Pick one from the list.";
    }

    private Task OnMetricChangedAsync(ActivityMetric value) => RaiseAsync(Current with { Metric = value });

    private Task OnGroupByChangedAsync(string value) => RaiseAsync(Current with { GroupBy = value == NoBreakdown ? null : value });

    // A range too long for the chosen step (5m over 30 days) would be refused: the step goes back to automatic.
    private Task RaiseAsync(ActivityFilterValues values) =>
        OnChanged.InvokeAsync(values.Step is { } step && !StepFits(step, RangeLength(values)) ? values with { Step = null } : values);

    /// <summary>The steps the picker offers: those the current range allows.</summary>
    private IEnumerable<BucketStep> OfferedSteps => BucketStep.All.Where(s => StepFits(s.Code, RangeLength(Current)));

    private static bool StepFits(string code, TimeSpan? rangeLength) =>
        rangeLength is not { } length || !BucketStep.TryParse(code, out var step) || ActivityQueryParser.AllowsStep(length, step);

    private static TimeSpan? RangeLength(ActivityFilterValues values)
    {
        if (values.From is not null || values.To is not null)
        {
            return TryParseWindow(values.From, values.To, out var from, out var to) ? to - from : null;
        }

        return RangePreset.TryParse(values.Range ?? RangePreset.Last24Hours.Code, out var preset) ? preset.Length : null;
    }

    /// <summary>The address's <c>from</c> and <c>to</c> as instants (ISO 8601 with an offset, as the page writes them).</summary>
    private static bool TryParseWindow(string? fromText, string? toText, out DateTimeOffset from, out DateTimeOffset to)
    {
        to = default;

        return DateTimeOffset.TryParse(fromText, CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            && DateTimeOffset.TryParse(toText, CultureInfo.InvariantCulture, DateTimeStyles.None, out to);
    }

    private Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken cancellationToken)
    {
        _typedZone = text;

        IEnumerable<string> matches = string.IsNullOrWhiteSpace(text)
            ? s_timeZones
            : s_timeZones.Where(id => id.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase));

        return Task.FromResult(matches);
    }

    /// <summary>Local-day arithmetic in the viewer's zone.</summary>
    private readonly record struct DateZone(DateTimeZone Zone)
    {
        public LocalDate LocalDate(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone).Date;

        public DateTimeOffset InstantAtStartOf(LocalDate date) => date.AtStartOfDayInZone(Zone).ToDateTimeOffset();

        public string StartOf(LocalDate date) =>
            InstantAtStartOf(date).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
