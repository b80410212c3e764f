using System.Globalization;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// One real app on Kestrel (real PostgreSQL, LiteLlm mode) with a LiteLLM stub on a fixed port holding a month of rows
/// for one account, one headless Chromium (<see cref="ChromiumSession"/>) and a user of that account. Each test gets a
/// fresh browser context through <see cref="RunAsync"/>, which signs in through the form and saves a screenshot when
/// the test fails.
/// </summary>
public sealed class BrowserFixture(PostgresServer server) : IAsyncLifetime
{
    public const string AccountId = "acct-browser";
    public const string Password = "browser tests are real tests";

    /// <summary>Rows in the last 24 hours: more than two pages of the request table (20 a page).</summary>
    public const int RowsInLastDay = 45;

    private readonly List<LiteLlmStubRow> _rows = [];
    private int _stubPort;
    private BrowserAppFactory? _app;
    private ChromiumSession? _chromium;

    /// <summary>The browser's language in <see cref="RunAsync"/> unless a test names another: the page formats in it.</summary>
    public static CultureInfo PageCulture => CultureInfo.GetCultureInfo("en-US");

    /// <summary>The stub now answering at the app's LiteLLM address; a new instance after <see cref="RestartStubAsync"/>.</summary>
    public LiteLlmStubServer Stub { get; private set; } = null!;

    public BrowserAppFactory App => _app!;

    public string Email { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync("browser", cancellationToken);
        _stubPort = ChromiumSession.FreePort();
        Stub = await LiteLlmStubServer.StartAsync(_stubPort, cancellationToken);
        _rows.AddRange(SeedRows(DateTimeOffset.UtcNow));
        Stub.Add(_rows);

        _app = new BrowserAppFactory(connectionString, Stub.BaseUrl, Stub.ApiKey);
        _app.Start();
        Email = await _app.CreateUserAsync(AccountId, Password);
        await _app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync(
            [.. _rows.Select(r => TestData.ChargeReceipt(
                accountId: AccountId,
                callId: r.RequestId,
                createdAt: r.StartTime.AddSeconds(3),
                responseCostUsd: decimal.Parse(r.Spend, CultureInfo.InvariantCulture),
                chargedCredits: 10_000 + (r.PromptTokens * 7)))],
            cancellationToken);

        _chromium = await ChromiumSession.LaunchAsync();
    }

    /// <summary>
    /// Runs <paramref name="test"/> in a fresh context (UTC, <see cref="PageCulture"/> unless <paramref name="locale"/>
    /// names another) already signed in. On failure a full-page screenshot goes to
    /// <c>artifacts/test-results/screenshots/&lt;name&gt;.png</c> before the exception is rethrown.
    /// </summary>
    public Task RunAsync(string name, Func<IPage, Task> test, CancellationToken cancellationToken, string? locale = null) =>
        _chromium!.RunAsync(
            App.BaseUrl,
            locale ?? PageCulture.Name,
            name,
            page => ChromiumSession.SignInAsync(page, Email, Password, "/activity"),
            test,
            cancellationToken);

    /// <summary>Stops the stub: the app's next call to LiteLLM is refused.</summary>
    public Task StopStubAsync() => Stub.StopAsync();

    /// <summary>Starts a new stub on the same port with the same rows: LiteLLM is back.</summary>
    public async Task RestartStubAsync()
    {
        await Stub.DisposeAsync();
        Stub = await LiteLlmStubServer.StartAsync(_stubPort, TestContext.Current.CancellationToken);
        Stub.Add(_rows);
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Stub is not null)
        {
            await Stub.DisposeAsync();
        }
    }

    // A month of rows for the account, none within minutes of a preset's edge (1 h, 24 h, 7 d, 30 d and the previous
    // periods before them), so the page's window and the API's, resolved seconds apart, hold the same rows.
    private static IEnumerable<LiteLlmStubRow> SeedRows(DateTimeOffset now)
    {
        var models = new[] { ("gpt-4o-mini", "openai"), ("claude-3-5-haiku", "anthropic"), ("mistral-small", "mistral") };
        var n = 0;
        IEnumerable<TimeSpan> ages =
        [
            .. Enumerable.Range(0, 4).Select(i => TimeSpan.FromMinutes(7 + (i * 12))),
            .. Enumerable.Range(0, RowsInLastDay - 4).Select(i => TimeSpan.FromMinutes(75 + (i * 31))),
            .. Enumerable.Range(0, 40).Select(i => TimeSpan.FromHours(26.5 + (i * 17))),
        ];
        foreach (var age in ages)
        {
            var (model, provider) = models[n % models.Length];
            n++;
            yield return LiteLlmStubRow.From(AccountId, TestData.UsageEvent(
                callId: "chatcmpl-browser-" + n.ToString("D3", CultureInfo.InvariantCulture),
                at: now - age,
                model: model,
                provider: provider,
                tokensIn: 300 + (n * 37),
                tokensOut: 40 + (n * 11),
                spend: 0.0011m * n));
        }
    }
}
