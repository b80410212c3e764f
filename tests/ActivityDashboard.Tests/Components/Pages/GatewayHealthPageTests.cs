using System.Globalization;
using ActivityDashboard.Components.Pages.Admin;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Tests.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Pages;

public sealed class GatewayHealthPageTests : BunitContext
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 15, 9, 59, 59, TimeSpan.Zero));

    public GatewayHealthPageTests()
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("ops@example.test");
        Authorization.SetRoles(DashboardRoles.Operator);
    }

    private BunitAuthorizationContext Authorization { get; }

    private GatewayHealthMonitor Monitor => Services.GetRequiredService<GatewayHealthMonitor>();

    [Fact]
    public void Render_NotAnOperator_SaysNotAllowedAndShowsNothingElse()
    {
        Authorization.SetRoles();
        Services.AddGatewayForTests(_clock);
        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        var cut = Render<GatewayHealth>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=not-allowed]").TextContent.Should().Contain("operators only"));
        cut.FindAll("[data-testid=gateway-state]").Should().BeEmpty();
        cut.Markup.Should().NotContain("status 503");
        Monitor.ListenerCount.Should().Be(0);
    }

    [Fact]
    public void Render_StateChangesWhileOpen_ShowsStateReasonAndProbesLive()
    {
        Services.AddGatewayForTests(_clock);
        var cut = Render<GatewayHealth>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=state]").TextContent.Should().Be("Healthy"));

        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        cut.WaitForAssertion(() => cut.Find("[data-testid=state]").TextContent.Should().Be("Unavailable"));
        cut.Find("[data-testid=since]").TextContent.PlainSpaces().Should().Be("since 11/15/2026 10:01:29 AM UTC");
        cut.Find("[data-testid=reason]").TextContent.Should().Be("3 probes in a row failed; last: status 503");
        cut.FindAll("[data-testid=probe-row]").Should().HaveCount(3);
        cut.FindAll("[data-testid=alert-row]").Select(r => r.TextContent).Should().SatisfyRespectively(
            newest => newest.Should().Contain("Degraded → Unavailable").And.Contain("logged only"),
            oldest => oldest.Should().Contain("Healthy → Degraded"));
    }

    [Fact]
    public void Render_TableView_ShowsLatencyPercentilesPerBucket()
    {
        Services.AddGatewayForTests(_clock);
        Monitor.Feed(_clock, ProbeOutcome.Success, 4);
        Monitor.Feed(_clock, ProbeOutcome.Slow, 1);
        var cut = Render<GatewayHealth>();

        cut.FindAll("[data-testid=latency] button").Single(b => b.TextContent.Trim() == "Table").Click();

        var rows = cut.FindAll("[data-testid=latency-table] tbody tr");
        rows.Should().HaveCount(12);
        rows[^1].TextContent.Should().Contain("10:00").And.Contain("45 ms").And.Contain("3,000 ms");
        cut.FindAll("[data-testid=error-rate] button").Single(b => b.TextContent.Trim() == "Table").Click();
        cut.FindAll("[data-testid=error-rate-table] tbody tr")[^1].TextContent.Should().Contain("0 %");
    }

    [Fact]
    public void Render_NoProbesYet_SaysSoInsteadOfChartingZeros()
    {
        Services.AddGatewayForTests(_clock);

        var cut = Render<GatewayHealth>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=latency-no-data]").TextContent.Should().Contain("Nothing measured"));
        cut.Find("[data-testid=error-rate-no-data]");
        cut.FindAll("[data-testid=latency-chart]").Should().BeEmpty();

        Monitor.Feed(_clock, ProbeOutcome.Success, 1);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=latency-chart]").Should().ContainSingle());
    }

    [Fact]
    public void Render_NoWebhooks_TestButtonDisabled()
    {
        Services.AddGatewayForTests(_clock);

        var cut = Render<GatewayHealth>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=no-webhooks]"));
        cut.Find("[data-testid=send-test-alert]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public async Task SendTestAlert_Clicked_ReceiverGetsItAndPageShowsDelivery()
    {
        // Arrange: a real receiver and the real delivery service.
        await using var receiver = await WebhookReceiver.StartAsync(Xunit.TestContext.Current.CancellationToken);
        Services.AddGatewayForTests(_clock, new Dictionary<string, string?>
        {
            ["Alerting:PublicBaseUrl"] = "https://dashboard.example.test/",
            ["Alerting:Webhooks:0:Name"] = "ops-hook",
            ["Alerting:Webhooks:0:Url"] = receiver.Url.ToString(),
            ["Alerting:Webhooks:0:Secret"] = "whsec-page-test",
        });
        await Services.StartHostedServicesAsync();
        var cut = Render<GatewayHealth>();

        // Act
        cut.WaitForAssertion(() => cut.Find("[data-testid=send-test-alert]").Click());

        // Assert
        await receiver.WaitUntilAsync(r => r.Delivered.Count == 1, "the test alert");
        var body = receiver.Delivered.Single();
        body.GetProperty("type").GetString().Should().Be("test");
        body.GetProperty("reason").GetString().Should().Be("Test alert sent by ops@example.test from the gateway health page");
        body.GetProperty("healthPageUrl").GetString().Should().Be("https://dashboard.example.test/admin/gateway-health");
        receiver.Attempts.Single().Signature.Should().StartWith("sha256=");
        cut.WaitForAssertion(() => cut.Find("[data-testid=delivery]").TextContent.Should().StartWith("ops-hook: delivered"));
        cut.Find("[data-testid=test-alert-sent]").TextContent.Should().Contain("queued for 1 webhook");
        cut.Find("[data-testid=alert-row]").TextContent.Should().Contain("Test (Healthy)");
        body.GetProperty("monitored").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Render_DemoMode_SaysTheDemoDataIsWhyNothingIsProbed()
    {
        Services.AddGatewayForTests(_clock);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new UsageSourceOptions { Mode = UsageSourceMode.Demo }));
        await Services.StartHostedServicesAsync();

        var cut = Render<GatewayHealth>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=not-monitored]").TextContent.Trim().Should().Be(
            "Not monitored: the usage data is the demo data (UsageSource:Mode is Demo), so there is no LiteLLM gateway to probe."));

        // Nothing measured, so no chart to trade for a table: the sections offer no chart/table switch.
        cut.Find("[data-testid=latency-no-data]");
        cut.FindAll("[role=radiogroup]").Select(g => g.GetAttribute("aria-label")).Should().NotContain(l => l!.EndsWith("chart or table"));
    }

    [Fact]
    public async Task SendTestAlert_NothingProbed_SaysNotMonitoredInsteadOfHealthy()
    {
        // Arrange: the probe switched off, as in demo mode; the monitor's state is only its starting value.
        await using var receiver = await WebhookReceiver.StartAsync(Xunit.TestContext.Current.CancellationToken);
        Services.AddGatewayForTests(_clock, new Dictionary<string, string?>
        {
            ["GatewayHealth:Enabled"] = "false",
            ["Alerting:PublicBaseUrl"] = "https://dashboard.example.test/",
            ["Alerting:Webhooks:0:Name"] = "ops-hook",
            ["Alerting:Webhooks:0:Url"] = receiver.Url.ToString(),
        });
        await Services.StartHostedServicesAsync();
        var cut = Render<GatewayHealth>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=not-monitored]").TextContent.Trim()
            .Should().Be("Not monitored: the probe is switched off (GatewayHealth:Enabled is false)."));
        cut.Find("[data-testid=latency-no-data]").TextContent.Should().Be("Nothing is measured: the gateway is not monitored here.");
        cut.Find("[data-testid=no-probes]").TextContent.Should().Be("No probes: the gateway is not monitored here.");

        // Act
        cut.Find("[data-testid=send-test-alert]").Click();

        // Assert
        await receiver.WaitUntilAsync(r => r.Delivered.Count == 1, "the test alert");
        var body = receiver.Delivered.Single();
        body.GetProperty("monitored").GetBoolean().Should().BeFalse();
        body.GetProperty("reason").GetString().Should().Be(
            "Test alert sent by ops@example.test from the gateway health page; the gateway is not monitored here "
            + "(no probe runs), so its state is not measured");
        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-row]").TextContent.Should().Contain("Test (not monitored)"));
    }
}
