namespace ActivityDashboard.Telemetry;

/// <summary>The <c>Metrics</c> section: who may scrape <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>The shortest token accepted, so a placeholder such as "x" never protects the endpoint by accident.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// When set, <c>/metrics</c> answers only requests with <c>Authorization: Bearer &lt;token&gt;</c> (401 otherwise);
    /// when unset or empty it is open. At least <see cref="MinimumTokenLength"/> characters.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
