using ActivityDashboard.Core.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace ActivityDashboard.Tests.Core.Gateway;

public sealed class GatewayHealthMetricsTests
{
    [Fact]
    public void StateGauge_NothingReported_HasNoMeasurementRatherThanHealthy()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new GatewayHealthMetrics(meters);
        using var gauge = new MetricCollector<int>(meters, GatewayHealthMetrics.MeterName, "activitydashboard.gateway.state");

        gauge.RecordObservableInstruments();
        gauge.GetMeasurementSnapshot().Should().BeEmpty("an unmonitored gateway must not read as 0, Healthy");

        metrics.SetState(GatewayState.Degraded);
        gauge.RecordObservableInstruments();
        gauge.LastMeasurement!.Value.Should().Be(1);
    }
}
