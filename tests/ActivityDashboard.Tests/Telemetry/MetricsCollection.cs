namespace ActivityDashboard.Tests.Telemetry;

/// <summary>
/// Tests that count measurements at <c>/metrics</c> run alone: OpenTelemetry's meter provider collects every meter of
/// a matching name in the process, not only those of its own app, so another test's app answering at the same time
/// would add to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}
