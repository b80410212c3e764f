using System.Diagnostics.CodeAnalysis;

namespace ActivityDashboard.Core.Activity;

/// <summary>
/// A range relative to the server's clock at the first load (spec section 3.3): <c>1h</c>, <c>24h</c>, <c>7d</c>,
/// <c>30d</c>. Once resolved, the window stays pinned while the user pages or exports.
/// </summary>
public sealed record RangePreset
{
    public static readonly RangePreset LastHour = new("1h", "Last hour", TimeSpan.FromHours(1), BucketStep.FiveMinutes, null);
    public static readonly RangePreset Last24Hours = new("24h", "Last 24 hours", TimeSpan.FromHours(24), BucketStep.OneHour, 1);
    public static readonly RangePreset Last7Days = new("7d", "Last 7 days", TimeSpan.FromDays(7), BucketStep.SixHours, 7);
    public static readonly RangePreset Last30Days = new("30d", "Last 30 days", TimeSpan.FromDays(30), BucketStep.OneDay, 30);

    /// <summary>Every preset, shortest first.</summary>
    public static IReadOnlyList<RangePreset> All { get; } = [LastHour, Last24Hours, Last7Days, Last30Days];

    private RangePreset(string code, string label, TimeSpan length, BucketStep defaultStep, int? days)
    {
        Code = code;
        Label = label;
        Length = length;
        DefaultStep = defaultStep;
        Days = days;
    }

    /// <summary>The code used in URLs and the API, for example <c>24h</c>.</summary>
    public string Code { get; }

    /// <summary>The label shown on the page.</summary>
    public string Label { get; }

    /// <summary>The window's length, ending at "now".</summary>
    public TimeSpan Length { get; }

    /// <summary>The finest step giving at most 48 buckets.</summary>
    public BucketStep DefaultStep { get; }

    /// <summary>The nominal number of days used for "average per day"; null under a day.</summary>
    public int? Days { get; }

    public static bool TryParse(string? code, [NotNullWhen(true)] out RangePreset? preset)
    {
        preset = All.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));

        return preset is not null;
    }

    public override string ToString() => Code;
}
