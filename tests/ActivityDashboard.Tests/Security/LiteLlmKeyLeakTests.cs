using System.Net;
using System.Text;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Tests.Security;

/// <summary>
/// "The LiteLLM key appears in no response, page or log line": the real app in LiteLlm mode against the LiteLLM stub,
/// every log entry at every level captured, driven through success, every failure kind, the pages and the OpenAPI
/// document; then every response body, header and log entry is scanned for the key and for the tail LiteLLM's own
/// 401 body quotes ("Received API Key = sk-...&lt;last 4&gt;").
/// </summary>
public sealed class LiteLlmKeyLeakTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // Distinctive, and its tail holds a '~' that no base64 token, nonce or cookie of ours can contain.
    private const string Key = "sk-leakscan-9f3b27c4e1-z~Q7";
    private const string KeyTail = "z~Q7";
    private static readonly DateTimeOffset s_now = new(2026, 8, 6, 15, 10, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppInLiteLlmMode_EveryOutcome_NeverShowsOrLogsTheKeyOrItsTail()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        var seen = new List<(string What, string Text)>();
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        stub.ApiKey = Key;
        await using var app = NewApp(stub.BaseUrl, logs);
        stub.Add(app.AccountId, [TestData.UsageEvent(callId: "req-1", at: s_now.AddMinutes(-30), spend: 0.2m)]);
        var client = await app.CreateUserClientAsync();

        // Act: success, then each failure kind of the source.
        await RecordAsync(seen, "success", client, "/api/v1/activity?range=1h", HttpStatusCode.OK);
        stub.ApiKey = "sk-the-proxy-wants-another-key";
        await RecordAsync(seen, "401 quoting the key tail", client, "/api/v1/activity?range=24h", HttpStatusCode.InternalServerError);
        stub.ApiKey = Key;
        stub.FixedResponse = LiteLlmStubResponse.DatabaseReadTimeout;
        await RecordAsync(seen, "500", client, "/api/v1/activity?range=7d", HttpStatusCode.InternalServerError);
        stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
        await RecordAsync(seen, "503", client, "/api/v1/activity?range=30d", HttpStatusCode.ServiceUnavailable);
        stub.FixedResponse = LiteLlmStubResponse.Html(200, "<html><body>502 Bad Gateway</body></html>");
        await RecordAsync(seen, "html", client, "/api/v1/activity?range=1h&step=5m", HttpStatusCode.ServiceUnavailable);
        stub.FixedResponse = null;
        stub.Delay = TimeSpan.FromSeconds(20);
        await RecordAsync(seen, "timeout", client, "/api/v1/activity?range=1h&step=15m", HttpStatusCode.ServiceUnavailable);
        stub.Delay = TimeSpan.Zero;

        await using (var refusing = NewApp(LiteLlmStubServer.ReserveClosedPort(), logs))
        {
            var refusedClient = await refusing.CreateUserClientAsync();
            await RecordAsync(seen, "connection refused", refusedClient, "/api/v1/activity?range=1h", HttpStatusCode.ServiceUnavailable);
        }

        // Pages and the API description.
        await RecordAsync(seen, "activity page", client, "/activity", HttpStatusCode.OK);
        await RecordAsync(seen, "password page", client, "/account/password", HttpStatusCode.OK);
        await RecordAsync(seen, "openapi", client, "/openapi/v1.json", HttpStatusCode.OK);
        await RecordAsync(seen, "sign-in page", app.CreateAnonymousClient(), "/account/sign-in", HttpStatusCode.OK);

        // Assert: the key was really in play, and the stub's 401 really quoted its tail.
        stub.SpendLogRequests.Should().Contain(r => r.Authorization == "Bearer " + Key);
        stub.SpendLogRequests.Count.Should().BeGreaterThanOrEqualTo(6, "every phase reached the stub");
        var entries = logs.Entries;
        entries.Should().Contain(e => e.Level == LogLevel.Trace, "the capture sees every level");
        entries.Should().Contain(e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal),
            "the outgoing LiteLLM requests are logged, so their headers were in reach of the scan");

        foreach (var (what, text) in seen.Concat(entries.Select(e => ("log: " + e.Category, e.ToString()))))
        {
            text.Should().NotContain(Key, what).And.NotContain(KeyTail, what);
        }
    }

    private static async Task RecordAsync(
        List<(string What, string Text)> seen,
        string what,
        HttpClient client,
        string url,
        HttpStatusCode expected)
    {
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(expected, $"{what}: {body}");
        var text = new StringBuilder();
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(header.Key).Append(": ").AppendJoin(", ", header.Value).AppendLine();
        }

        text.AppendLine().Append(body);
        seen.Add((what + " " + url, text.ToString()));
    }

    private ActivityAppFactory NewApp(Uri liteLlm, CapturingLoggerProvider logs) =>
        new(
            database.ConnectionString,
            s_now,
            "acct-leak-scan",
            new Dictionary<string, string?>
            {
                ["LiteLlm:BaseUrl"] = liteLlm.ToString(),
                ["LiteLlm:ApiKey"] = Key,
                ["LiteLlm:Timeout"] = "00:00:01",
                ["LiteLlm:MaxRetries"] = "0",
            },
            useFakeUsage: false)
        {
            CapturedLogs = logs,
        };
}
