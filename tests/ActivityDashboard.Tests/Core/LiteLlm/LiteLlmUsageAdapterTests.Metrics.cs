using System.Diagnostics.Metrics;
using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ActivityDashboard.Tests.Core.LiteLlm;

public sealed partial class LiteLlmUsageAdapterTests
{
    private const string CallDuration = "activitydashboard.litellm.request.duration";
    private const string Pages = "activitydashboard.litellm.pages";

    [Fact]
    public async Task GetUsageAsync_ThreePagesRead_RecordsThreeSuccessfulCallsAndOneReadOfThreePages()
    {
        // Arrange: five calls at two per page.
        var stub = await StartStubAsync();
        stub.Add(Account, Enumerable.Range(0, 5)
            .Select(i => TestData.UsageEvent(callId: $"call-{i}", at: At("2026-09-18T09:10:00Z").AddMinutes(i))));
        var host = CreateHost(stub, options => options.PageSize = 2);
        using var calls = Collect<double>(host, CallDuration);
        using var pages = Collect<int>(host, Pages);

        // Act
        await host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        // Assert
        calls.GetMeasurementSnapshot().Select(m => m.Tags[LiteLlmMetrics.StatusClassTag]).Should().Equal("2xx", "2xx", "2xx");
        pages.GetMeasurementSnapshot().Select(m => m.Value).Should().Equal(3);
    }

    [Fact]
    public async Task GetUsageAsync_StubAnswers503_RecordsA5xxCallAndNoPageCount()
    {
        var stub = await StartStubAsync();
        stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
        var host = CreateHost(stub, options => options.MaxRetries = 0);
        using var calls = Collect<double>(host, CallDuration);
        using var pages = Collect<int>(host, Pages);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        await act.Should().ThrowAsync<UsageSourceException>();
        calls.GetMeasurementSnapshot().Select(m => m.Tags[LiteLlmMetrics.StatusClassTag]).Should().Equal("5xx");
        pages.GetMeasurementSnapshot().Should().BeEmpty("a failed read has no page count");
    }

    [Fact]
    public async Task GetUsageAsync_WrongKey_RecordsA4xxCall()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub.BaseUrl, "sk-not-the-stub-key");
        using var calls = Collect<double>(host, CallDuration);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        await act.Should().ThrowAsync<UsageSourceException>();
        calls.GetMeasurementSnapshot().Select(m => m.Tags[LiteLlmMetrics.StatusClassTag]).Should().Equal("4xx");
    }

    [Fact]
    public async Task GetUsageAsync_PortClosed_RecordsAnUnreachableCall()
    {
        var host = CreateHost(LiteLlmStubServer.ReserveClosedPort(), LiteLlmStubServer.DefaultApiKey, options => options.MaxRetries = 0);
        using var calls = Collect<double>(host, CallDuration);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        await act.Should().ThrowAsync<UsageSourceException>();
        calls.GetMeasurementSnapshot().Select(m => m.Tags[LiteLlmMetrics.StatusClassTag]).Should().Equal("unreachable");
    }

    [Fact]
    public async Task GetUsageAsync_NoAnswerWithinTimeout_RecordsATimedOutCall()
    {
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromSeconds(40);
        var host = CreateHost(stub, options => options.Timeout = TimeSpan.FromMilliseconds(300));
        using var calls = Collect<double>(host, CallDuration);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        await act.Should().ThrowAsync<UsageSourceException>();
        calls.GetMeasurementSnapshot().Select(m => m.Tags[LiteLlmMetrics.StatusClassTag]).Should().Equal("timeout");
    }

    [Fact]
    public async Task GetUsageAsync_CallerCancels_RecordsNoCall()
    {
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromSeconds(30);
        var host = CreateHost(stub);
        using var calls = Collect<double>(host, CallDuration);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), caller.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        calls.GetMeasurementSnapshot().Should().BeEmpty("a caller going away says nothing about LiteLLM");
    }

    // Only this host's meter: tests running in parallel have meters of the same name in their own hosts.
    private static MetricCollector<T> Collect<T>(LiteLlmTestHost host, string instrument)
        where T : struct =>
        new(host.Services.GetRequiredService<IMeterFactory>(), LiteLlmMetrics.MeterName, instrument);
}
