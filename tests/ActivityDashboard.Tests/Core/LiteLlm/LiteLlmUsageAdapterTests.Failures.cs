using System.Diagnostics;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Tests.Core.LiteLlm;

public sealed partial class LiteLlmUsageAdapterTests
{
    [Fact]
    public async Task GetUsageAsync_PortClosed_FailsAsUnreachable()
    {
        var host = CreateHost(LiteLlmStubServer.ReserveClosedPort(), LiteLlmStubServer.DefaultApiKey, options => options.MaxRetries = 1);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.Unreachable);
        thrown.Reason.Should().Be("usage_source_unreachable");
        thrown.Message.Should().Contain("/spend/logs/v2");
    }

    [Fact]
    public async Task GetUsageAsync_StubStopped_FailsAsUnreachable()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub, options => options.MaxRetries = 0);
        await stub.StopAsync();

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.Unreachable);
    }

    [Fact]
    public async Task GetUsageAsync_NoAnswerWithinTimeout_FailsAsTimeoutWithinAboutTheTimeout()
    {
        // Arrange: the stub would answer after 40 s; our timeout is 1 s.
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromSeconds(40);
        var host = CreateHost(stub, options => options.Timeout = TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        // Assert
        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        thrown.Failure.Should().Be(UsageSourceFailure.Timeout);
        thrown.Reason.Should().Be("usage_source_timeout");
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 1005 && e.Level == LogLevel.Warning);
        (await stub.Requests.Single().Ended.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Should().BeTrue("the timed-out request is aborted");
    }

    [Fact]
    public async Task GetUsageAsync_CallerCancels_PropagatesCancellationAndAbortsTheRequest()
    {
        // Arrange: the browser goes away at 200 ms while the stub is slow; that is not an outage.
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromSeconds(30);
        var host = CreateHost(stub);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        // Act
        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), caller.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await stub.Requests.Single().Ended.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Should().BeTrue("the stub saw the client abort");
        host.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning && e.Category.Contains("LiteLlm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetUsageAsync_CallerCancelsDuringAChunkedWeek_PropagatesCancellation()
    {
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromSeconds(30);
        var host = CreateHost(stub);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-01T00:00:00Z"), At("2026-09-08T00:00:00Z"), caller.Token);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(caller.Token);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GetUsageAsync_GatewayErrors_AreRetriedThenFailAsUnavailable(int status)
    {
        var stub = await StartStubAsync();
        stub.FixedResponse = new LiteLlmStubResponse(status, """{"detail":"upstream trouble"}""");
        var host = CreateHost(stub, options => options.MaxRetries = 2);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.Unavailable);
        thrown.Message.Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("/spend/logs/v2");
        stub.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetUsageAsync_GatewayErrorThenSuccess_RecoversWithinTheCall()
    {
        var stub = await StartStubAsync();
        var call = TestData.UsageEvent(at: At("2026-09-18T10:30:00Z"));
        stub.Add(Account, call);
        var attempts = 0;
        stub.Fault = _ => Interlocked.Increment(ref attempts) == 1 ? LiteLlmStubResponse.ServiceUnavailable : null;
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Should().Equal(call);
        stub.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"Invalid sort_by","type":"bad_request","param":"sort_by","code":"400"}}""")]
    [InlineData(401, """{"error":{"message":"Authentication Error","type":"auth_error","param":"None","code":"401"}}""")]
    [InlineData(403, """{"error":{"message":"Not authorized to view team spend","type":"auth_error","param":"None","code":"403"}}""")]
    [InlineData(404, """{"detail":"Not Found"}""")]
    [InlineData(500, """{"detail":"database read timeout"}""")]
    public async Task GetUsageAsync_OtherErrorStatus_FailsAsRejectedWithoutRetrying(int status, string body)
    {
        var stub = await StartStubAsync();
        stub.FixedResponse = new LiteLlmStubResponse(status, body);
        var host = CreateHost(stub);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.Rejected);
        thrown.Reason.Should().Be("usage_source_rejected");
        thrown.Message.Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("/spend/logs/v2");
        stub.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetUsageAsync_WrongKey_FailsAsRejectedWithoutEchoingTheKey()
    {
        const string wrongKey = "sk-live-wrong-9d8e7f6a5b4c3d2e";
        var stub = await StartStubAsync();
        var host = CreateHost(stub.BaseUrl, wrongKey);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.Rejected);
        thrown.Message.Should().Contain("401").And.Contain("token_not_found_in_db");
        thrown.ToString().Should().NotContain(wrongKey).And.NotContain("3d2e", "LiteLLM's message quotes the key's tail");
    }

    [Fact]
    public async Task GetUsageAsync_Documented401Envelope_FailsAsRejectedNamingOnlyTheErrorType()
    {
        var stub = await StartStubAsync();
        stub.FixedResponse = new LiteLlmStubResponse(401, await File.ReadAllTextAsync(FixturePath("error-401.json"), Ct));
        var host = CreateHost(stub);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.Rejected);
        thrown.Message.Should().Be("LiteLLM answered GET /spend/logs/v2 with status 401 (error type token_not_found_in_db).");
    }

    [Theory]
    [InlineData("""[{"startTime":"2026-06-05","spend":1.2,"models":{"gpt-4o":1.2},"users":{"user-alpha":1.2}}]""", "application/json")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("""{"data": null, "total": 0}""", "application/json")]
    [InlineData("""{"total": 0}""", "application/json")]
    [InlineData("""{"data": {"rows": []}}""", "application/json")]
    [InlineData("""{"data": [null]}""", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("""{"data": [], "page_size": "1000"}""", "application/json")]
    public async Task GetUsageAsync_BodyOfAnotherShape_FailsAsInvalidResponse(string body, string contentType)
    {
        var stub = await StartStubAsync();
        stub.FixedResponse = new LiteLlmStubResponse(200, body, contentType);
        var host = CreateHost(stub);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.InvalidResponse);
        thrown.Reason.Should().Be("usage_source_invalid_response");
    }

    [Theory]
    [InlineData("startTime", "\"not-a-date\"")]
    [InlineData("startTime", "\"2026-06-05\"")]
    [InlineData("startTime", "null")]
    [InlineData("startTime", null)]
    [InlineData("endTime", "\"yesterday\"")]
    [InlineData("completionStartTime", "1717578000")]
    [InlineData("request_id", null)]
    [InlineData("request_id", "null")]
    [InlineData("request_id", "42")]
    [InlineData("litellm_call_id", "7")]
    [InlineData("spend", "\"0.10\"")]
    [InlineData("spend", "null")]
    [InlineData("spend", null)]
    [InlineData("prompt_tokens", "\"12\"")]
    [InlineData("prompt_tokens", "1.5")]
    [InlineData("completion_tokens", null)]
    [InlineData("model", "42")]
    [InlineData("custom_llm_provider", "[]")]
    [InlineData("status", "false")]
    [InlineData("request_duration_ms", "\"1814\"")]
    public async Task GetUsageAsync_RowWithAFieldOfTheWrongType_FailsAsInvalidResponse(string field, string? rawValue)
    {
        var stub = await StartStubAsync();
        stub.Add(
            Row("good", "2026-06-05T09:10:00Z"),
            Row("bad", "2026-06-05T09:20:00Z") with { Overrides = new Dictionary<string, string?> { [field] = rawValue } });
        var host = CreateHost(stub);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.InvalidResponse);
    }

    [Fact]
    public async Task GetUsageAsync_WideWindowsFailUpstream_DayChunksStillSucceed()
    {
        var stub = await StartStubAsync();
        stub.FailWindowsLongerThan = TimeSpan.FromDays(2);
        var calls = Enumerable.Range(0, 7).Select(day => TestData.UsageEvent(at: At("2026-09-01T08:00:00Z").AddDays(day))).ToList();
        stub.Add(Account, calls);
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-01T00:00:00Z"), At("2026-09-08T00:00:00Z"), Ct);

        result.Should().Equal(calls);
    }

    [Fact]
    public async Task GetUsageAsync_WideWindowFailsUpstreamInOneRequest_FailsAsRejected()
    {
        var stub = await StartStubAsync();
        stub.FailWindowsLongerThan = TimeSpan.FromDays(2);
        stub.Add(Account, TestData.UsageEvent(at: At("2026-09-03T08:00:00Z")));
        var host = CreateHost(stub, options => options.ChunkLength = TimeSpan.FromDays(7));

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-01T00:00:00Z"), At("2026-09-08T00:00:00Z"), Ct);

        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.Rejected);
    }

    [Fact]
    public async Task GetUsageAsync_OneDayOfTheWeekFails_FailsTheWholeWeek()
    {
        // Six days would succeed; a partial week must never be returned.
        var stub = await StartStubAsync();
        stub.FailWindowStartingAt = At("2026-09-04T00:00:00Z");
        stub.Add(Account, Enumerable.Range(0, 7).Select(day => TestData.UsageEvent(at: At("2026-09-01T08:00:00Z").AddDays(day))));
        var host = CreateHost(stub, options => options.MaxConcurrency = 2);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-01T00:00:00Z"), At("2026-09-08T00:00:00Z"), Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(UsageSourceFailure.Rejected);
        thrown.Message.Should().Contain("500");
    }

    [Fact]
    public async Task GetUsageAsync_OneDaySlowAnotherFailing_FailsFastAndAbortsTheSlowOne()
    {
        // Arrange: day 1 hangs for 30 s, day 2 fails at once. The failure wins and day 1's request is abandoned.
        var stub = await StartStubAsync();
        stub.DelayFor = request => request["start_date"] == "2026-09-01 00:00:00" ? TimeSpan.FromSeconds(30) : TimeSpan.Zero;
        stub.Fault = request =>
        {
            if (request["start_date"] != "2026-09-02 00:00:00")
            {
                return null;
            }

            // Fail only once day 1's request is in flight, so there is something to abort.
            SpinWait.SpinUntil(() => stub.Requests.Any(r => r["start_date"] == "2026-09-01 00:00:00"), TimeSpan.FromSeconds(5));

            return LiteLlmStubResponse.DatabaseReadTimeout;
        };
        var host = CreateHost(stub, options => options.MaxConcurrency = 2);
        var stopwatch = Stopwatch.StartNew();

        // Act
        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-01T00:00:00Z"), At("2026-09-03T00:00:00Z"), Ct);

        // Assert
        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.Rejected);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        var slowDay = stub.Requests.Single(r => r["start_date"] == "2026-09-01 00:00:00");
        (await slowDay.Ended.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Should().BeTrue("the slow chunk is cancelled");
    }

    [Theory]
    [InlineData("success")]
    [InlineData("refused")]
    [InlineData("timeout")]
    [InlineData("unavailable")]
    [InlineData("invalid")]
    [InlineData("rejected")]
    public async Task GetUsageAsync_AnyOutcome_NeverLogsOrThrowsTheKey(string scenario)
    {
        // Arrange
        var stub = await StartStubAsync();
        stub.Add(Account, TestData.UsageEvent(at: At("2026-09-18T10:30:00Z")));
        switch (scenario)
        {
            case "timeout":
                stub.Delay = TimeSpan.FromSeconds(30);
                break;
            case "unavailable":
                stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
                break;
            case "invalid":
                stub.FixedResponse = LiteLlmStubResponse.Html(200, "<html>oops</html>");
                break;
            case "rejected":
                stub.ApiKey = "sk-some-other-key";
                break;
        }

        var baseUrl = scenario == "refused" ? LiteLlmStubServer.ReserveClosedPort() : stub.BaseUrl;
        var host = CreateHost(baseUrl, LiteLlmStubServer.DefaultApiKey, options => options.Timeout = TimeSpan.FromSeconds(1));

        // Act
        Exception? thrown = null;
        try
        {
            await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);
        }
        catch (UsageSourceException ex)
        {
            thrown = ex;
        }

        // Assert
        (thrown is null).Should().Be(scenario == "success");
        thrown?.ToString().Should().NotContain(LiteLlmStubServer.DefaultApiKey);
        host.Logs.Entries.Should().NotBeEmpty();
        host.Logs.Entries.Should().NotContain(e => e.ToString().Contains(LiteLlmStubServer.DefaultApiKey, StringComparison.Ordinal));
        host.Logs.Entries.Where(e => e.Category.EndsWith("LiteLlmUsageAdapter", StringComparison.Ordinal))
            .Should().NotBeEmpty()
            .And.OnlyContain(e => e.EventId.Id >= 1000 && e.EventId.Id <= 1099);
    }
}
