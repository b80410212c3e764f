using System.Text;
using System.Text.Json;
using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.Gateway;

namespace ActivityDashboard.Tests.Core.Alerting;

public sealed class AlertBodyTests
{
    private static readonly GatewayAlert s_alert = new(
        "alert-degraded-one",
        AlertKind.StateChange,
        GatewayState.Degraded,
        GatewayState.Healthy,
        new DateTimeOffset(2026, 11, 15, 11, 0, 59, 250, TimeSpan.FromHours(1)),
        "2 probes within 5 min were slow (over 2 s) or failed",
        new DateTimeOffset(2026, 11, 15, 10, 1, 0, TimeSpan.Zero));

    [Fact]
    public void Write_StateChange_HoldsTheAgreedFieldsWithSinceInUtc()
    {
        var body = AlertBody.Write(s_alert, new Uri("https://dashboard.example.test/base"));

        var json = JsonDocument.Parse(body).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().Equal(
            "id", "type", "state", "previousState", "monitored", "since", "reason", "healthPageUrl");
        json.GetProperty("id").GetString().Should().Be("alert-degraded-one");
        json.GetProperty("type").GetString().Should().Be("state_change");
        json.GetProperty("state").GetString().Should().Be("Degraded");
        json.GetProperty("previousState").GetString().Should().Be("Healthy");
        json.GetProperty("monitored").GetBoolean().Should().BeTrue();
        json.GetProperty("since").GetString().Should().Be("2026-11-15T10:00:59.250Z");
        json.GetProperty("reason").GetString().Should().Be("2 probes within 5 min were slow (over 2 s) or failed");
        json.GetProperty("healthPageUrl").GetString().Should().Be("https://dashboard.example.test/base/admin/gateway-health");
    }

    [Fact]
    public void Write_NoPublicBaseUrl_LinkIsNull()
    {
        var json = JsonDocument.Parse(AlertBody.Write(s_alert with { Kind = AlertKind.Test }, null)).RootElement;

        json.GetProperty("healthPageUrl").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("type").GetString().Should().Be("test");
    }

    [Fact]
    public void Write_TestWhereNothingIsProbed_SaysNotMonitored()
    {
        var alert = s_alert with { Kind = AlertKind.Test, State = GatewayState.Healthy, IsMonitored = false };

        var json = JsonDocument.Parse(AlertBody.Write(alert, null)).RootElement;

        json.GetProperty("monitored").GetBoolean().Should().BeFalse();
        json.GetProperty("state").GetString().Should().Be("Healthy");
    }

    [Fact]
    public void Signature_Rfc4231Vector_IsSha256PrefixedLowerHex()
    {
        var signature = AlertBody.Signature("Jefe", Encoding.UTF8.GetBytes("what do ya want for nothing?"));

        signature.Should().Be("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
