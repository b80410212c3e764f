using System.Diagnostics.CodeAnalysis;

namespace ActivityDashboard.Core.Activity;

/// <summary>
/// The width of one bucket on the viewer's local wall-clock grid: <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>6h</c> or
/// <c>1d</c> (spec section 3.4). A <c>1d</c> bucket is a local day, 23 or 25 hours long on daylight-saving days.
/// </summary>
public sealed record BucketStep
{
    public static readonly BucketStep FiveMinutes = new("5m", TimeSpan.FromMinutes(5));
    public static readonly BucketStep FifteenMinutes = new("15m", TimeSpan.FromMinutes(15));
    public static readonly BucketStep OneHour = new("1h", TimeSpan.FromHours(1));
    public static readonly BucketStep SixHours = new("6h", TimeSpan.FromHours(6));
    public static readonly BucketStep OneDay = new("1d", TimeSpan.FromDays(1));

    /// <summary>Every step, finest first.</summary>
    public static IReadOnlyList<BucketStep> All { get; } = [FiveMinutes, FifteenMinutes, OneHour, SixHours, OneDay];

    private BucketStep(string code, TimeSpan nominalLength)
    {
        Code = code;
        NominalLength = nominalLength;
    }

    /// <summary>The code used in URLs and the API, for example <c>15m</c>.</summary>
    public string Code { get; }

    /// <summary>The step's length on the local wall clock (a local day is 24 wall-clock hours).</summary>
    public TimeSpan NominalLength { get; }

    public static bool TryParse(string? code, [NotNullWhen(true)] out BucketStep? step)
    {
        step = All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.Ordinal));

        return step is not null;
    }

    public override string ToString() => Code;
}
