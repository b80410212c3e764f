using System.Globalization;
using System.Runtime.CompilerServices;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;

namespace ActivityDashboard.Tests.Core.LiteLlm;

/// <summary>
/// The real adapter (Refit client, auth handler, resilience pipeline) against the LiteLLM stub: what it sends and
/// how it reads rows. Paging and failures are in the partial files next to this one.
/// </summary>
public sealed partial class LiteLlmUsageAdapterTests : IAsyncDisposable
{
    private const string Account = "cust_4821";

    private readonly List<IAsyncDisposable> _disposables = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetUsageAsync_AnyRequest_SendsTheKeyAsBearer()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub);

        await host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        stub.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + LiteLlmStubServer.DefaultApiKey);
    }

    [Fact]
    public async Task GetUsageAsync_OneHourWindow_SendsEndUserSortingPagingAndUtcBounds()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub);

        await host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00Z"), At("2026-09-18T10:00:00Z"), Ct);

        stub.Requests.Should().ContainSingle().Which.Query.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["end_user"] = Account,
            ["start_date"] = "2026-09-18 09:00:00",
            ["end_date"] = "2026-09-18 10:00:00",
            ["sort_by"] = "startTime",
            ["sort_order"] = "asc",
            ["page"] = "1",
            ["page_size"] = "1000",
        });
    }

    [Fact]
    public async Task GetUsageAsync_WindowWithFractionalSeconds_AsksForWholeSecondsAroundIt()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub);

        await host.Port.GetUsageAsync(Account, At("2026-09-18T09:00:00.500Z"), At("2026-09-18T09:05:00.250Z"), Ct);

        var request = stub.Requests.Should().ContainSingle().Subject;
        request["start_date"].Should().Be("2026-09-18 09:00:00");
        request["end_date"].Should().Be("2026-09-18 09:05:01");
    }

    [Fact]
    public async Task GetUsageAsync_WindowGivenInAnotherZone_SendsUtcBounds()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub);
        var kolkata = TimeSpan.FromHours(5.5);

        await host.Port.GetUsageAsync(
            Account,
            new DateTimeOffset(2026, 6, 2, 0, 0, 0, kolkata),
            new DateTimeOffset(2026, 6, 2, 12, 0, 0, kolkata),
            Ct);

        var request = stub.Requests.Should().ContainSingle().Subject;
        request["start_date"].Should().Be("2026-06-01 18:30:00");
        request["end_date"].Should().Be("2026-06-02 06:30:00");
    }

    [Fact]
    public async Task GetUsageAsync_RangeEndingAtMidnight_AsksForAllOfTheLastDay()
    {
        // A date-only or 23:59:59 end bound loses the last day (or its last second); ours ends at the next midnight.
        var stub = await StartStubAsync();
        var host = CreateHost(stub, options => options.ChunkLength = TimeSpan.FromDays(31));

        await host.Port.GetUsageAsync(Account, At("2026-09-06T00:00:00Z"), At("2026-09-09T00:00:00Z"), Ct);

        var request = stub.Requests.Should().ContainSingle().Subject;
        request["start_date"].Should().Be("2026-09-06 00:00:00");
        request["end_date"].Should().Be("2026-09-09 00:00:00");
    }

    [Fact]
    public async Task GetUsageAsync_ThreeDayRangeInDayChunks_CoversEveryDayWithoutGaps()
    {
        var stub = await StartStubAsync();
        var host = CreateHost(stub);

        await host.Port.GetUsageAsync(Account, At("2026-09-06T00:00:00Z"), At("2026-09-09T00:00:00Z"), Ct);

        stub.Requests.Select(r => (r["start_date"], r["end_date"])).Should().BeEquivalentTo(
        [
            ("2026-09-06 00:00:00", "2026-09-07 00:00:00"),
            ("2026-09-07 00:00:00", "2026-09-08 00:00:00"),
            ("2026-09-08 00:00:00", "2026-09-09 00:00:00"),
        ]);
    }

    [Fact]
    public async Task GetUsageAsync_RowOnAChunkBoundary_IsReturnedOnce()
    {
        // Both chunks' inclusive upstream windows contain midnight; the local half-open cut keeps it in one.
        var stub = await StartStubAsync();
        var midnight = TestData.UsageEvent(callId: string.Empty, at: At("2026-09-07T00:00:00Z"));
        stub.Add(Account, midnight);
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-06T00:00:00Z"), At("2026-09-08T00:00:00Z"), Ct);

        result.Should().Equal(midnight);
        stub.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsageAsync_WeekWindow_ReadsDayChunksWithBoundedConcurrency()
    {
        // Arrange
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromMilliseconds(150);
        var calls = Enumerable.Range(0, 7).Select(day => TestData.UsageEvent(at: At("2026-09-01T12:00:00Z").AddDays(day))).ToList();
        stub.Add(Account, calls);
        var host = CreateHost(stub, options => options.MaxConcurrency = 2);

        // Act
        var result = await host.Port.GetUsageAsync(Account, At("2026-09-01T00:00:00Z"), At("2026-09-08T00:00:00Z"), Ct);

        // Assert
        result.Should().Equal(calls);
        stub.Requests.Should().HaveCount(7);
        stub.MaxObservedConcurrency.Should().Be(2);
    }

    [Fact]
    public async Task GetUsageAsync_TimestampsInEveryShape_AreReadAsTheSameUtcInstants()
    {
        // Arrange: the last hour seen from Chicago; r1 has no offset and must be read as UTC, not server-local time.
        var stub = await StartStubAsync();
        stub.Add(
            Row("r1", "2026-04-06T14:10:00Z", "\"2026-04-06T14:10:00\"", "0.10"),
            Row("r2", "2026-04-06T14:20:00Z", "\"2026-04-06T14:20:00Z\"", "0.20"),
            Row("r3", "2026-04-06T14:50:00Z", "\"2026-04-06T14:50:00+00:00\"", "0.30"),
            Row("r4", "2026-04-06T14:55:00Z", "\"2026-04-06T09:55:00-05:00\"", "0.40"));
        var host = CreateHost(stub);

        // Act
        var result = await host.Port.GetUsageAsync(Account, At("2026-04-06T14:00:00Z"), At("2026-04-06T15:00:00Z"), Ct);

        // Assert
        result.Select(e => (e.CallId, e.StartTime)).Should().Equal(
            ("r1", At("2026-04-06T14:10:00Z")),
            ("r2", At("2026-04-06T14:20:00Z")),
            ("r3", At("2026-04-06T14:50:00Z")),
            ("r4", At("2026-04-06T14:55:00Z")));
        result.Should().OnlyContain(e => e.StartTime.Offset == TimeSpan.Zero);
        result.Sum(e => e.ProviderCost).Should().Be(1.00m);
    }

    [Theory]
    [InlineData(nameof(LiteLlmStubTimestamps.SixDigitsWithOffset))]
    [InlineData(nameof(LiteLlmStubTimestamps.ThreeDigitsZulu))]
    [InlineData(nameof(LiteLlmStubTimestamps.NoOffset))]
    [InlineData(nameof(LiteLlmStubTimestamps.SpaceSeparated))]
    [InlineData(nameof(LiteLlmStubTimestamps.MinusFiveHours))]
    public async Task GetUsageAsync_TimestampFormat_ReadsEveryTimeBack(string format)
    {
        var stub = await StartStubAsync();
        stub.FormatTimestamp = format switch
        {
            nameof(LiteLlmStubTimestamps.SixDigitsWithOffset) => LiteLlmStubTimestamps.SixDigitsWithOffset,
            nameof(LiteLlmStubTimestamps.ThreeDigitsZulu) => LiteLlmStubTimestamps.ThreeDigitsZulu,
            nameof(LiteLlmStubTimestamps.NoOffset) => LiteLlmStubTimestamps.NoOffset,
            nameof(LiteLlmStubTimestamps.SpaceSeparated) => LiteLlmStubTimestamps.SpaceSeparated,
            _ => LiteLlmStubTimestamps.MinusFiveHours,
        };
        var wholeSeconds = format == nameof(LiteLlmStubTimestamps.SpaceSeparated);
        var start = wholeSeconds ? At("2026-09-18T10:41:17Z") : At("2026-09-18T10:41:17.086Z");
        var call = TestData.UsageEvent(at: start, endTime: start.AddSeconds(12), completionStartTime: start.AddSeconds(1));
        stub.Add(Account, call);
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Should().Equal(call);
    }

    [Fact]
    public async Task GetUsageAsync_SpendWithFloatTailOrExponent_ParsesExactlyToDecimal()
    {
        var stub = await StartStubAsync();
        stub.Add(
            Row("tail", "2026-09-18T10:01:00Z", spend: "0.016350000000000003"),
            Row("tiny", "2026-09-18T10:02:00Z", spend: "1e-7"),
            Row("upper", "2026-09-18T10:03:00Z", spend: "8.4E-05"),
            Row("zero", "2026-09-18T10:04:00Z", spend: "0.0"),
            Row("whole", "2026-09-18T10:05:00Z", spend: "2"));
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Select(e => e.ProviderCost).Should().Equal(0.016350000000000003m, 0.0000001m, 0.000084m, 0m, 2m);
    }

    [Fact]
    public async Task GetUsageAsync_FixtureFirstPage_ReadsItsThreeRows()
    {
        // Arrange: the documented v2 example, newest first, page_size 50 echoed.
        var stub = await StartStubAsync();
        stub.FixedResponse = new LiteLlmStubResponse(200, await File.ReadAllTextAsync(FixturePath("spend-logs-v2-page1.json"), Ct));
        var host = CreateHost(stub);

        // Act
        var result = await host.Port.GetUsageAsync("cust_4821", At("2026-09-18T09:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        // Assert
        result.Select(e => e.CallId).Should().Equal(
            "chatcmpl-BJ3zG8pTn4cRwQ1yHs6KdV0aXe2M",
            "chatcmpl-BJ4kq2Xo9v1tZyUeR8nWfA3sLm7P",
            "msg_01HqR7Zc4tW2bYk9nVd3LpXe");
        result[2].Should().Be(new UsageEvent(
            "msg_01HqR7Zc4tW2bYk9nVd3LpXe",
            At("2026-09-18T10:41:17.086Z"),
            At("2026-09-18T10:41:29.904Z"),
            At("2026-09-18T10:41:18.233Z"),
            "claude-3-5-sonnet-20241022",
            "anthropic",
            2400,
            610,
            0.016350000000000003m,
            UsageStatus.Success,
            12818));
        stub.Requests.Should().ContainSingle("a 3-row page under the echoed page size of 50 is the last one");
    }

    [Fact]
    public async Task GetUsageAsync_RowWithLiteLlmCallId_JoinsOnItAndFallsBackToRequestIdWhenEmpty()
    {
        var stub = await StartStubAsync();
        stub.Add(
            Row("chatcmpl-1", "2026-09-18T10:01:00Z") with { LiteLlmCallId = "6f1c2a9e-call" },
            Row("chatcmpl-2", "2026-09-18T10:02:00Z") with { LiteLlmCallId = string.Empty },
            Row("chatcmpl-3", "2026-09-18T10:03:00Z"));
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Select(e => e.CallId).Should().Equal("6f1c2a9e-call", "chatcmpl-2", "chatcmpl-3");
    }

    [Fact]
    public async Task GetUsageAsync_EmptyModel_FallsBackToTheModelGroup()
    {
        var stub = await StartStubAsync();
        stub.Add(Row("failed-call", "2026-09-18T10:01:00Z") with { Model = string.Empty, ModelGroup = "gpt-4o" });
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Should().ContainSingle().Which.Model.Should().Be("gpt-4o");
    }

    [Theory]
    [InlineData("\"success\"", UsageStatus.Success)]
    [InlineData("\"failure\"", UsageStatus.Failure)]
    [InlineData("null", UsageStatus.Success)]
    [InlineData(null, UsageStatus.Success)]
    public async Task GetUsageAsync_Status_MapsLikeLiteLlmsOwnFilter(string? rawStatus, UsageStatus expected)
    {
        var stub = await StartStubAsync();
        stub.Add(Row("call", "2026-09-18T10:01:00Z") with { Overrides = new Dictionary<string, string?> { ["status"] = rawStatus } });
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Should().ContainSingle().Which.Status.Should().Be(expected);
    }

    [Fact]
    public async Task GetUsageAsync_MetadataAsStringAndUnknownFields_AreIgnored()
    {
        var stub = await StartStubAsync();
        stub.Add(Row("call", "2026-09-18T10:01:00Z") with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["metadata"] = "\"{\\\"status\\\": \\\"failure\\\"}\"",
                ["span_type"] = "{\"kind\":[1,2,3]}",
                ["request_duration_ms"] = "1814.0",
            },
        });
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        var call = result.Should().ContainSingle().Subject;
        call.Status.Should().Be(UsageStatus.Success);
        call.DurationMs.Should().Be(1814);
    }

    [Fact]
    public async Task GetUsageAsync_EmptyPage_ReturnsNoCallsRatherThanAnError()
    {
        var stub = await StartStubAsync();
        stub.FixedResponse = new LiteLlmStubResponse(200, """{"data": [], "total": 0, "page": 1, "page_size": 1000, "total_pages": 0}""");
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        result.Should().BeEmpty();
    }

    [Fact]
    public async Task GetUsageAsync_ProxyIgnoresTheWindow_DropsRowsOutsideIt()
    {
        var stub = await StartStubAsync();
        stub.IgnoreWindow = true;
        var inside = TestData.UsageEvent(at: At("2026-06-05T09:30:00Z"));
        stub.Add(Account, TestData.UsageEvent(at: At("2026-05-01T08:00:00Z")), inside);
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        result.Should().Equal(inside);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task<LiteLlmStubServer> StartStubAsync()
    {
        var stub = await LiteLlmStubServer.StartAsync(Ct);
        _disposables.Add(stub);

        return stub;
    }

    private LiteLlmTestHost CreateHost(LiteLlmStubServer stub, Action<LiteLlmOptions>? configure = null) =>
        CreateHost(stub.BaseUrl, LiteLlmStubServer.DefaultApiKey, configure);

    private LiteLlmTestHost CreateHost(Uri baseUrl, string apiKey, Action<LiteLlmOptions>? configure = null)
    {
        var host = LiteLlmTestHost.Create(baseUrl, apiKey, configure);

        // Hosts go first so no client is still talking when its stub stops.
        _disposables.Insert(0, host);

        return host;
    }

    private static LiteLlmStubRow Row(string requestId, string startTime, string? rawStartTime = null, string spend = "0.001")
    {
        var row = new LiteLlmStubRow { EndUser = Account, RequestId = requestId, StartTime = At(startTime), Spend = spend };

        return rawStartTime is null ? row : row with { Overrides = new Dictionary<string, string?> { ["startTime"] = rawStartTime } };
    }

    private static DateTimeOffset At(string isoInstant) =>
        DateTimeOffset.Parse(isoInstant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string FixturePath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", name);
}
