using System.Net;
using System.Net.Sockets;
using ActivityDashboard.Tests.Shared;
using Microsoft.Playwright;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// One headless Chromium (the Debian package at <see cref="ChromiumPath"/>, never a Playwright download) for a browser
/// fixture. <see cref="RunAsync"/> gives each test a fresh context, signs it in through the form and saves a full-page
/// screenshot when the test fails.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    public const string ChromiumPathVariable = "ACTIVITY_TEST_CHROMIUM";

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>The Chromium binary: <c>ACTIVITY_TEST_CHROMIUM</c>, else the Debian package's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Starts Playwright's driver and a headless Chromium, or says how to get one when there is none.</summary>
    public static async Task<ChromiumSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}: install the Debian 'chromium' package (scripts/test does so as root) "
                + $"or point {ChromiumPathVariable} at a Chromium binary.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = s_chromiumArgs,
                Timeout = 30_000,
            });

            return new ChromiumSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/> in a fresh context (UTC, <paramref name="locale"/>) on <paramref name="baseUrl"/>
    /// after <paramref name="signIn"/>. On failure a full-page screenshot goes to
    /// <c>artifacts/test-results/screenshots/&lt;name&gt;.png</c> before the exception is rethrown.
    /// </summary>
    public async Task RunAsync(
        Uri baseUrl,
        string locale,
        string name,
        Func<IPage, Task> signIn,
        Func<IPage, Task> test,
        CancellationToken cancellationToken)
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
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
            await signIn(page);
            await test(page);
        }
        catch (Exception)
        {
            await SaveScreenshotAsync(page, name);
            throw;
        }
    }

    /// <summary>How long a cold app on a loaded machine may take from a click or an address to a live circuit.</summary>
    private static readonly TimeSpan s_interactiveWithin = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Signs in through the form, asking to come back to <paramref name="returnPath"/>, and waits until that page is
    /// interactive: the theme switch renders only once the circuit is up, so a test's first click reaches the server.
    /// </summary>
    /// <remarks>
    /// The wait is for the address to commit and then for the switch, never for the document's <c>load</c> event: a
    /// page that rewrites its own address while loading (<c>/activity</c> adds the browser's zone) can leave Playwright
    /// waiting for a <c>load</c> it already missed, which failed a CI run although the page was up.
    /// </remarks>
    public static async Task SignInAsync(IPage page, string email, string password, string returnPath)
    {
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnPath));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(
            url => new Uri(url).AbsolutePath == returnPath,
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = Within });
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>
    /// Opens <paramref name="pathAndQuery"/> in <paramref name="page"/> and waits until it is interactive, the same way
    /// <see cref="SignInAsync"/> does: the new document committed, then the theme switch that only a live circuit draws.
    /// </summary>
    public static async Task OpenAsync(IPage page, string pathAndQuery)
    {
        await page.GotoAsync(pathAndQuery, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = Within });
        await WaitUntilInteractiveAsync(page);
    }

    private static float Within => (float)s_interactiveWithin.TotalMilliseconds;

    private static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("theme-switch")).ToBeVisibleAsync(new() { Timeout = Within });

    /// <summary>A port on 127.0.0.1 that was free a moment ago, for a stub that must come back at the same address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
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
            await PhotographAsync(page, name);
        }
        catch (PlaywrightException)
        {
            // A page that crashed cannot be photographed; the test's own exception is what matters.
        }
    }

    /// <summary>
    /// Saves a full-page screenshot of <paramref name="page"/> as <c>artifacts/test-results/screenshots/&lt;name&gt;.png</c>
    /// (<paramref name="name"/> may hold a folder, such as <c>states/error</c>) and returns its path.
    /// </summary>
    public static async Task<string> PhotographAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryRoot.Find(), "artifacts", "test-results", "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });

        return path;
    }
}
