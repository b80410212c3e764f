using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;

namespace ActivityDashboard.Tests.Core.LiteLlm;

public sealed partial class LiteLlmUsageAdapterTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(10_000)]
    public async Task GetUsageAsync_CountCappedOrNot_PagesUntilTheShortPage(int countCap)
    {
        // Arrange: with a cap of 3 every page says total 3, total_pages 2, total_is_capped true; rows keep coming.
        var stub = await StartStubAsync();
        stub.CountCap = countCap;
        stub.Add(
            Row("r1", "2026-09-18T10:01:00Z", spend: "0.10"),
            Row("r2", "2026-09-18T10:02:00Z", spend: "0.20"),
            Row("r3", "2026-09-18T10:03:00Z", spend: "0.30"),
            Row("r4", "2026-09-18T10:04:00Z", spend: "0.40"),
            Row("r5", "2026-09-18T10:05:00Z", spend: "0.50"));
        var host = CreateHost(stub, options => options.PageSize = 2);

        // Act
        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        // Assert
        result.Select(e => e.CallId).Should().Equal("r1", "r2", "r3", "r4", "r5");
        result.Sum(e => e.ProviderCost).Should().Be(1.50m);
        stub.Requests.Select(r => r["page"]).Should().Equal("1", "2", "3");
    }

    [Fact]
    public async Task GetUsageAsync_RowCountAMultipleOfPageSize_StopsAtTheEmptyPage()
    {
        var stub = await StartStubAsync();
        stub.Add(Account, Enumerable.Range(1, 4).Select(i => TestData.UsageEvent(at: At("2026-09-18T10:00:00Z").AddMinutes(i))));
        var host = CreateHost(stub, options => options.PageSize = 2);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Should().HaveCount(4);
        stub.Requests.Select(r => r["page"]).Should().Equal("1", "2", "3");
    }

    [Fact]
    public async Task GetUsageAsync_RowRepeatedAcrossPages_ReturnsItOnce()
    {
        // Without a unique tie-breaker LiteLLM's LIMIT/OFFSET pages can repeat a row.
        var stub = await StartStubAsync();
        var repeated = Row("r2", "2026-09-18T10:02:00Z");
        stub.Add(Row("r1", "2026-09-18T10:01:00Z"), repeated, repeated, Row("r3", "2026-09-18T10:03:00Z"));
        var host = CreateHost(stub, options => options.PageSize = 2);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Select(e => e.CallId).Should().Equal("r1", "r2", "r3");
    }

    [Fact]
    public async Task GetUsageAsync_ProxyRefusesPageSize1000_FallsBackTo100AndRemembersIt()
    {
        // Arrange: proxies before LiteLLM PR #33994 cap page_size at 100 and answer 422 above it.
        var stub = await StartStubAsync();
        stub.MaxPageSize = 100;
        stub.Add(Account, Enumerable.Range(0, 250).Select(i => TestData.UsageEvent(at: At("2026-09-18T10:00:00Z").AddSeconds(i))));
        var host = CreateHost(stub);

        // Act
        var first = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);
        var requestsOfFirstCall = stub.Requests.Count;
        var second = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        // Assert
        first.Should().HaveCount(250);
        second.Should().Equal(first);
        stub.Requests.Take(requestsOfFirstCall).Select(r => (r["page"], r["page_size"])).Should().Equal(
            ("1", "1000"), ("1", "100"), ("2", "100"), ("3", "100"));
        stub.Requests.Skip(requestsOfFirstCall).Should().OnlyContain(r => r["page_size"] == "100");
        host.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 1002);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100)]
    public async Task GetUsageAsync_ProxyRefusesEvenPageSize100_IsRejected(int pageSize)
    {
        var stub = await StartStubAsync();
        stub.MaxPageSize = 50;
        var host = CreateHost(stub, options => options.PageSize = pageSize);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.Rejected);
        stub.Requests.Last()["page_size"].Should().Be("100");
    }

    [Fact]
    public async Task GetUsageAsync_ProxyIgnoresPage_FailsInsteadOfLoopingForever()
    {
        var stub = await StartStubAsync();
        stub.IgnorePage = true;
        stub.Add(Account, Enumerable.Range(1, 5).Select(i => TestData.UsageEvent(at: At("2026-09-18T10:00:00Z").AddMinutes(i))));
        var host = CreateHost(stub, options => options.PageSize = 2);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.InvalidResponse);
        stub.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsageAsync_ProxyIgnoresPageWithEmptyIds_FailsInsteadOfLoopingForever()
    {
        var stub = await StartStubAsync();
        stub.IgnorePage = true;
        stub.Add(
            Account,
            Enumerable.Range(1, 5).Select(i => TestData.UsageEvent(callId: string.Empty, at: At("2026-09-18T10:00:00Z").AddMinutes(i))));
        var host = CreateHost(stub, options => options.PageSize = 2);

        var act = () => host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        (await act.Should().ThrowAsync<UsageSourceException>()).Which.Failure.Should().Be(UsageSourceFailure.InvalidResponse);
        stub.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetUsageAsync_ProxyClampsThePageSize_KeepsPagingByTheEchoedSize()
    {
        var stub = await StartStubAsync();
        stub.ClampPageSizeTo = 2;
        stub.Add(Account, Enumerable.Range(1, 5).Select(i => TestData.UsageEvent(at: At("2026-09-18T10:00:00Z").AddMinutes(i))));
        var host = CreateHost(stub);

        var result = await host.Port.GetUsageAsync(Account, At("2026-09-18T10:00:00Z"), At("2026-09-18T11:00:00Z"), Ct);

        result.Should().HaveCount(5);
        stub.Requests.Select(r => r["page"]).Should().Equal("1", "2", "3");
    }
}
