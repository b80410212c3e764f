using System.ComponentModel.DataAnnotations;

namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// How the gateway probe runs and when its results change the state (section <c>GatewayHealth</c>). Every count is at
/// least 2, so one blip never raises or clears a state on its own.
/// </summary>
public sealed class GatewayHealthOptions
{
    public const string SectionName = "GatewayHealth";

    /// <summary>Runs the probe at all. Defaults to true; the demo mode never probes (there is no LiteLLM).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two probes. Defaults to 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one probe may take before it counts as failed. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A probe that answers but takes longer than this is slow. Defaults to 2 seconds; below <see cref="Timeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan SlowThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far back slow and failed probes are counted towards <see cref="DegradedAfterProblems"/>. Defaults to 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Slow or failed probes within <see cref="Window"/> that make a healthy gateway degraded. Defaults to 2.</summary>
    [Range(2, 1000)]
    public int DegradedAfterProblems { get; set; } = 2;

    /// <summary>Failed probes in a row that make the gateway unavailable. Defaults to 3.</summary>
    [Range(2, 1000)]
    public int UnavailableAfterFailures { get; set; } = 3;

    /// <summary>Probes in a row that answer within <see cref="SlowThreshold"/> before a degraded or unavailable gateway is healthy again. Defaults to 3.</summary>
    [Range(2, 1000)]
    public int RecoverAfterSuccesses { get; set; } = 3;
}
