using System.Net;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Gateway;

/// <summary>
/// The gateway monitor end to end through the real app in LiteLlm mode: its probe against the LiteLLM stub on the
/// app's fake clock, its alerts through the real webhook client to a real receiver, its banner in a served page.
/// </summary>
public sealed class GatewayHealthAppTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Banner = "data-testid=\"gateway-banner\"";

    private static readonly DateTimeOffset s_now = new(2026, 11, 15, 9, 59, 59, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task App_StubSlowFailingHealthy_StatesAlertsAndBannerFollow()
    {
        // Arrange: LiteLLM with one call of the user's account; a receiver that refuses its first two attempts.
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.FailFirst = 2;
        await using var app = new ActivityAppFactory(
            database.ConnectionString,
            s_now,
            "acct-gateway-app",
            new Dictionary<string, string?>
            {
                ["LiteLlm:BaseUrl"] = stub.BaseUrl.ToString(),
                ["LiteLlm:ApiKey"] = stub.ApiKey,
                ["LiteLlm:MaxRetries"] = "0",
                ["GatewayHealth:Enabled"] = "true",
                ["GatewayHealth:SlowThreshold"] = "00:00:00.200",
                ["GatewayHealth:Timeout"] = "00:00:02",
                ["Alerting:PublicBaseUrl"] = "https://dashboard.example.test/",
                ["Alerting:RetryDelay"] = "00:00:00.020",
                ["Alerting:Webhooks:0:Url"] = receiver.Url.ToString(),
                ["Alerting:Webhooks:0:Secret"] = "whsec-app-test",
            },
            useFakeUsage: false);
        stub.Add(app.AccountId, TestData.UsageEvent(at: s_now.AddMinutes(-30)));
        var monitor = app.Services.GetRequiredService<GatewayHealthMonitor>();
        await WaitForProbesAsync(monitor, 1);

        // The first probe of a fresh app can be slow (JIT, first connection): probing on for a whole window (5 min)
        // leaves it outside the window.
        (await ProbeAsync(app, monitor, 10)).Should().OnlyContain(s => s == GatewayState.Healthy);
        using var user = await app.CreateUserClientAsync();
        using var @operator = await app.CreateUserClientAsync(isOperator: true);
        (await PageAsync(user, "/account/password")).Should().NotContain(Banner);

        // Act and assert: slow answers make it degraded, and every signed-in page says so.
        stub.DelayFor = request => request["end_user"] == GatewayProbe.ProbeEndUser ? TimeSpan.FromMilliseconds(450) : TimeSpan.Zero;
        (await ProbeAsync(app, monitor, 2)).Should().Equal(GatewayState.Healthy, GatewayState.Degraded);
        (await PageAsync(user, "/account/password")).Should().Contain(Banner).And.Contain("usage data may be delayed or unavailable");

        // Failing probes make it unavailable; users' reads, on their own client, still answer.
        stub.DelayFor = null;
        stub.Fault = request => request["end_user"] == GatewayProbe.ProbeEndUser ? LiteLlmStubResponse.ServiceUnavailable : null;
        (await ProbeAsync(app, monitor, 3)).Should().Equal(GatewayState.Degraded, GatewayState.Degraded, GatewayState.Unavailable);
        var activity = await ApiJson.GetOkAsync(user, "/api/v1/activity?range=24h");
        activity.GetProperty("totals").GetProperty("requests").GetInt64().Should().Be(1);

        (await PageAsync(user, "/account/password")).Should().Contain("gateway is unavailable");

        // Healthy again after three fast answers; the banner goes.
        stub.Fault = null;
        (await ProbeAsync(app, monitor, 3)).Should().Equal(GatewayState.Unavailable, GatewayState.Unavailable, GatewayState.Healthy);
        (await PageAsync(user, "/account/password")).Should().NotContain(Banner);
        monitor.ListenerCount.Should().Be(0, "a page served without a circuit never listens");

        // Each change reached the receiver once, the first after two refused attempts.
        await receiver.WaitUntilAsync(r => r.Delivered.Count == 3, "three delivered alerts");
        receiver.Attempts.Should().HaveCount(5);
        receiver.Delivered.Select(b => b.GetProperty("state").GetString()).Should().Equal("Degraded", "Unavailable", "Healthy");
        receiver.Delivered.Select(b => b.GetProperty("since").GetString()).Should().Equal(
            "2026-11-15T10:05:59.000Z",
            "2026-11-15T10:07:29.000Z",
            "2026-11-15T10:08:59.000Z");

        // The health page is served to an operator (its content renders over the circuit, tested with bUnit).
        using var page = await @operator.GetAsync("/admin/gateway-health", Ct);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task App_HealthPageSignedOut_RedirectsToSignIn()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);
        using var client = app.CreateAnonymousClient();

        using var response = await client.GetAsync("/admin/gateway-health", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task App_BadAlertingSettings_FailsAtStartNamingTheSetting()
    {
        await using var app = new ActivityAppFactory(
            database.ConnectionString,
            s_now,
            settings: new Dictionary<string, string?> { ["Alerting:Webhooks:0:Url"] = "https://hooks.example.test/token-path" });

        var start = () => app.Services;

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .WithMessage("*Alerting:PublicBaseUrl is required when Alerting:Webhooks is set*");
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<IReadOnlyList<GatewayState>> ProbeAsync(ActivityAppFactory app, GatewayHealthMonitor monitor, int count)
    {
        var states = new List<GatewayState>();
        for (var i = 0; i < count; i++)
        {
            var expected = monitor.RecentProbes().Count + 1;
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await WaitForProbesAsync(monitor, expected);
            states.Add(monitor.Current.State);
        }

        return states;
    }

    private static async Task WaitForProbesAsync(GatewayHealthMonitor monitor, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (monitor.RecentProbes().Count < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"probe {count} should run");
            await Task.Delay(10, Ct);
        }
    }
}
