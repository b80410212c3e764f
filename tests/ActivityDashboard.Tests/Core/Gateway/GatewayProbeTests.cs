using System.Security.Cryptography;
using System.Text;
using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ActivityDashboard.Tests.Core.Gateway;

public sealed class GatewayProbeTests
{
    private const string Secret = "whsec-gateway-tests-only";

    // One second before a minute boundary, as the other clock tests start.
    private static readonly DateTimeOffset s_now = new(2026, 11, 15, 9, 59, 59, TimeSpan.Zero);

    [Fact]
    public async Task Probe_StubSlowThenFailingThenHealthy_GoesDegradedUnavailableHealthyAndAlertsEachChangeOnce()
    {
        // Arrange: a receiver that refuses its first two attempts, signed alerts.
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        await using var receiver = await WebhookReceiver.StartAsync(cancellationToken);
        receiver.FailFirst = 2;
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now, new Dictionary<string, string?>
        {
            ["Alerting:Webhooks:0:Name"] = "ops-hook",
            ["Alerting:Webhooks:0:Url"] = receiver.Url.ToString(),
            ["Alerting:Webhooks:0:Secret"] = Secret,
        });
        var meters = gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, GatewayHealthMetrics.MeterName, "activitydashboard.gateway.probe.duration");
        using var stateGauge = new MetricCollector<int>(meters, GatewayHealthMetrics.MeterName, "activitydashboard.gateway.state");
        using var deliveries = new MetricCollector<long>(meters, GatewayHealthMetrics.MeterName, "activitydashboard.alert.deliveries");
        gateway.Monitor.Current.State.Should().Be(GatewayState.Healthy);

        // Act: slow, then failing, then healthy again.
        stub.Delay = TimeSpan.FromMilliseconds(450);
        var slow = await gateway.ProbeAsync(2);
        stub.Delay = TimeSpan.Zero;
        stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
        var failing = await gateway.ProbeAsync(3);
        stateGauge.RecordObservableInstruments();
        var gaugeWhileUnavailable = stateGauge.LastMeasurement?.Value;
        stub.FixedResponse = null;
        var healthy = await gateway.ProbeAsync(3);
        await receiver.WaitUntilAsync(r => r.Delivered.Count == 3, "three delivered alerts");
        await WaitUntilSettledAsync(gateway.Alerts);

        // Assert: the states within the configured counts.
        slow.Should().Equal(GatewayState.Healthy, GatewayState.Degraded);
        failing.Should().Equal(GatewayState.Degraded, GatewayState.Degraded, GatewayState.Unavailable);
        healthy.Should().Equal(GatewayState.Unavailable, GatewayState.Unavailable, GatewayState.Healthy);

        // Each change reached the receiver once, in order, after two refused attempts of the first.
        receiver.Attempts.Should().HaveCount(5);
        receiver.Attempts.Take(2).Should().OnlyContain(a => !a.Succeeded);
        var bodies = receiver.Delivered;
        bodies.Select(b => (b.GetProperty("previousState").GetString(), b.GetProperty("state").GetString())).Should().Equal(
            ("Healthy", "Degraded"),
            ("Degraded", "Unavailable"),
            ("Unavailable", "Healthy"));
        bodies.Select(b => b.GetProperty("since").GetString()).Should().Equal(
            "2026-11-15T10:05:59.000Z",
            "2026-11-15T10:07:29.000Z",
            "2026-11-15T10:08:59.000Z");
        bodies.Select(b => b.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();
        bodies.Should().OnlyContain(b => b.GetProperty("type").GetString() == "state_change"
            && b.GetProperty("healthPageUrl").GetString() == "https://dashboard.example.test/admin/gateway-health");
        bodies[1].GetProperty("reason").GetString().Should().Be("3 probes in a row failed; last: status 503");

        // Every attempt is a signed JSON POST; the signature is the HMAC of the exact bytes received.
        receiver.Attempts.Should().OnlyContain(a => a.Method == "POST" && a.Path == "/hooks/alerts-token"
            && a.ContentType == "application/json; charset=utf-8"
            && a.Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(a.Body))));

        // The page's view: every delivery done, the webhook not failing.
        gateway.Alerts.Recent().Should().HaveCount(3).And.OnlyContain(e => e.Deliveries.Single().Status == DeliveryStatus.Delivered);
        gateway.Alerts.Webhooks().Should().ContainSingle().Which.Should().Match<WebhookStatus>(w => w.Name == "ops-hook" && !w.IsFailing);

        // Structured log events, one per change.
        gateway.Logs.Entries.Where(e => e.EventId.Name is "GatewayStateChanged" or "GatewayRecovered")
            .Select(e => e.EventId.Name).Should().Equal("GatewayStateChanged", "GatewayStateChanged", "GatewayRecovered");

        // Metrics under the agreed names and tags.
        durations.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]).Should().Equal(
            "slow", "slow", "failure", "failure", "failure", "success", "success", "success");
        gaugeWhileUnavailable.Should().Be(2);
        stateGauge.RecordObservableInstruments();
        stateGauge.LastMeasurement!.Value.Should().Be(0);
        deliveries.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => (string?)m.Tags["outcome"] == "delivered");
    }

    [Fact]
    public async Task Probe_Healthy_AsksForOneRowOfTheLastMinuteForNoAccount()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now);

        var result = await gateway.ProbeNextAsync();

        result.Outcome.Should().Be(ProbeOutcome.Success);
        result.At.Should().Be(s_now + GatewayTestHost.WarmUp + GatewayTestHost.Interval);
        var request = stub.SpendLogRequests.Last();
        request.Authorization.Should().Be("Bearer " + LiteLlmStubServer.DefaultApiKey);
        request["end_user"].Should().Be(GatewayProbe.ProbeEndUser);
        request["page_size"].Should().Be("1");
        request["page"].Should().Be("1");
        request["start_date"].Should().Be("2026-11-15 10:04:29");
        request["end_date"].Should().Be("2026-11-15 10:05:29");
        stub.SpendLogRequests.Should().HaveCount(12, "one probe at start-up, ten while warming up and one after the interval");
    }

    [Fact]
    public async Task Probe_NoAnswerWithinTimeout_CountsAsFailure()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now, new Dictionary<string, string?>
        {
            ["GatewayHealth:Timeout"] = "00:00:00.500",
        });
        stub.Delay = TimeSpan.FromSeconds(3);

        var result = await gateway.ProbeNextAsync();

        result.Outcome.Should().Be(ProbeOutcome.Failure);
        result.Detail.Should().Be("no answer within 500 ms");
        result.Duration.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Probe_LiteLlmUnreachable_CountsAsFailureNamingTheErrorKind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now);
        await stub.StopAsync();

        var result = await gateway.ProbeNextAsync();

        result.Outcome.Should().Be(ProbeOutcome.Failure);
        result.Detail.Should().Be("unreachable (ConnectionError)");
    }

    [Fact]
    public async Task Probe_ProbeFailing_UserRequestsStillSucceed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        stub.Add("acct-users", TestData.UsageEvent(at: s_now.AddMinutes(-10)));
        stub.Fault = request => request["end_user"] == GatewayProbe.ProbeEndUser ? LiteLlmStubResponse.ServiceUnavailable : null;
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now);

        var states = await gateway.ProbeAsync(3);
        var usage = await gateway.Usage.GetUsageAsync("acct-users", s_now.AddHours(-1), s_now, cancellationToken);

        states[^1].Should().Be(GatewayState.Unavailable);
        usage.Should().ContainSingle();
    }

    [Fact]
    public async Task Probe_UserRequestsFailing_StateStaysHealthy()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        stub.Fault = request => request["end_user"] == "acct-users" ? LiteLlmStubResponse.DatabaseReadTimeout : null;
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now);

        var states = new List<GatewayState>();
        for (var i = 0; i < 3; i++)
        {
            var read = () => gateway.Usage.GetUsageAsync("acct-users", s_now.AddHours(-1), s_now, cancellationToken);
            await read.Should().ThrowAsync<UsageSourceException>();
            (await gateway.ProbeNextAsync()).Outcome.Should().Be(ProbeOutcome.Success);
            states.Add(gateway.Monitor.Current.State);
        }

        states.Should().OnlyContain(s => s == GatewayState.Healthy, "users' failures do not feed the probe's state");
    }

    [Fact]
    public async Task Deliver_WebhookKeepsFailing_MarkedFailingUntilADeliveryGetsThrough()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        await using var receiver = await WebhookReceiver.StartAsync(cancellationToken);
        receiver.Status = System.Net.HttpStatusCode.InternalServerError;
        await using var gateway = await GatewayTestHost.StartAsync(stub, s_now, new Dictionary<string, string?>
        {
            ["Alerting:Webhooks:0:Url"] = receiver.Url.ToString(),
            ["Alerting:MaxAttempts"] = "3",
        });
        var meters = gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var deliveries = new MetricCollector<long>(meters, GatewayHealthMetrics.MeterName, "activitydashboard.alert.deliveries");
        stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;

        // Act: two changes (degraded, unavailable), each tried three times.
        await gateway.ProbeAsync(3);
        await receiver.WaitUntilAsync(r => r.Attempts.Count == 6, "six attempts");
        await WaitUntilSettledAsync(gateway.Alerts);

        // Assert
        var webhook = gateway.Alerts.Webhooks().Should().ContainSingle().Subject;
        webhook.IsFailing.Should().BeTrue();
        webhook.Name.Should().Be(receiver.Url.Authority, "the default name shows host and port, never the path");
        webhook.LastError.Should().Be("status 500");
        gateway.Alerts.Recent().SelectMany(e => e.Deliveries).Should().OnlyContain(d => d.Status == DeliveryStatus.Failed);
        deliveries.GetMeasurementSnapshot().Should().HaveCount(2).And.OnlyContain(m => (string?)m.Tags["outcome"] == "failed");

        // Act: the receiver is fixed; a test alert gets through and clears the mark.
        receiver.Status = System.Net.HttpStatusCode.OK;
        gateway.Services.GetRequiredService<AlertDispatcher>().SendTest(gateway.Monitor.Current, "ops@example.test");
        await receiver.WaitUntilAsync(r => r.Delivered.Count == 1, "the test alert");
        await WaitUntilSettledAsync(gateway.Alerts);

        gateway.Alerts.Webhooks().Single().IsFailing.Should().BeFalse();
        var test = receiver.Delivered.Single();
        test.GetProperty("type").GetString().Should().Be("test");
        test.GetProperty("state").GetString().Should().Be("Unavailable");
        test.GetProperty("previousState").GetString().Should().Be("Unavailable");
        test.GetProperty("reason").GetString().Should().Be("Test alert sent by ops@example.test from the gateway health page");
        receiver.Attempts.Should().OnlyContain(a => a.Signature == null, "no secret, no signature");
        gateway.Logs.Entries.Should().NotContain(
            e => e.Message.Contains("alerts-token", StringComparison.Ordinal) || e.Properties.Contains("alerts-token", StringComparison.Ordinal),
            "a webhook URL's path often holds its token, so no log line names it");
    }

    // The receiver answers before the sender records the outcome; wait for the record.
    private static async Task WaitUntilSettledAsync(AlertLog log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (log.Recent().Any(e => e.Deliveries.Any(d => d.Status == DeliveryStatus.Pending)))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "every delivery should finish");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
