using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// One real app on Kestrel (real PostgreSQL, LiteLlm mode) with a LiteLLM stub on a fixed port holding a month of rows
/// for one account, one headless Chromium (the Debian package at <see cref="ChromiumPath"/>, never a Playwright
/// download) and a user of that account. Each test gets a fresh browser context through <see cref="RunAsync"/>, which
/// signs in through the form and saves a screenshot when the test fails.
/// </summary>
public sealed class BrowserFixture(PostgresServer server) : IAsyncLifetime
{
    public const string ChromiumPathVariable = "ACTIVITY_TEST_CHROMIUM";
    public const string AccountId = "acct-browser";
    public const string Password = "browser tests are real tests";

    /// <summary>Rows in the last 24 hours: more than two pages of the request table (20 a page).</summary>
    public const int RowsInLastDay = 45;

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly List<LiteLlmStubRow> _rows = [];
    private int _stubPort;
    private BrowserAppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium binary: <c>ACTIVITY_TEST_CHROMIUM</c>, else the Debian package's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

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
        _stubPort = FreePort();
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

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}: install the Debian 'chromium' package (scripts/test does so as root) "
                + $"or point {ChromiumPathVariable} at a Chromium binary.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_chromiumArgs,
            Timeout = 30_000,
        });
    }

    /// <summary>
    /// Runs <paramref name="test"/> in a fresh context (UTC, <see cref="PageCulture"/> unless <paramref name="locale"/>
    /// names another) already signed in. On failure a full-page screenshot goes to
    /// <c>artifacts/test-results/screenshots/&lt;name&gt;.png</c> before the exception is rethrown.
    /// </summary>
    public async Task RunAsync(string name, Func<IPage, Task> test, CancellationToken cancellationToken, string? locale = null)
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            Locale = locale ?? PageCulture.Name,
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        var page = await context.NewPageAsync();

        // A timed-out test photographs and then closes its page, which ends whatever Playwright call it was waiting in.
        await using var closeOnCancel = cancellationToken.Register(() => _ = SaveScreenshotAndCloseAsync(page, name));
        try
        {
            await SignInAsync(page);
            await test(page);
        }
        catch (Exception)
        {
            await SaveScreenshotAsync(page, name);
            throw;
        }
    }

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
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Stub is not null)
        {
            await Stub.DisposeAsync();
        }
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/sign-in?ReturnUrl=%2Factivity");
        await page.Locator("#email").FillAsync(Email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/activity");
    }

    private static async Task SaveScreenshotAndCloseAsync(IPage page, string name)
    {
        await SaveScreenshotAsync(page, name);
        await page.CloseAsync();
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var directory = Path.Combine(FindRepositoryRoot(), "artifacts", "test-results", "screenshots");
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(directory, name + ".png"),
                FullPage = true,
                Timeout = 10_000,
            });
        }
        catch (PlaywrightException)
        {
            // A page that crashed cannot be photographed; the test's own exception is what matters.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActivityDashboard.sln")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
