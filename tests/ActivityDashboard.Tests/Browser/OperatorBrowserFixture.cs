using System.Globalization;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// The operator views' app: like <see cref="BrowserFixture"/> (Kestrel, real PostgreSQL, LiteLlm mode, Chromium) but
/// with its own stub, database and app, the gateway probe on at real-time settings of about a second
/// (<see cref="GatewayOptions"/>), an operator and a user of a customer account, and calls and receipts of two customer
/// accounts that reconcile to every kind of finding.
/// </summary>
public sealed class OperatorBrowserFixture(PostgresServer server) : IAsyncLifetime
{
    public const string OperatorAccountId = "acct-ops-browser";
    public const string NorthAccountId = "acct-recon-north";
    public const string SouthAccountId = "acct-recon-south";
    public const string Password = "operators look at everything";

    /// <summary>What a loaded two-core machine may add to a wait: a late timer tick, a circuit's render round trip.</summary>
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(10);

    private ChromiumSession? _chromium;
    private BrowserAppFactory? _app;

    /// <summary>
    /// The probe's settings: a probe a second, failed after two seconds, slow over half a second, and the smallest counts
    /// the options allow, so a test sees the banner come and go within seconds.
    /// </summary>
    public static GatewayHealthOptions GatewayOptions { get; } = new()
    {
        Interval = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(2),
        SlowThreshold = TimeSpan.FromMilliseconds(500),
        Window = TimeSpan.FromSeconds(5),
        DegradedAfterProblems = 2,
        UnavailableAfterFailures = 2,
        RecoverAfterSuccesses = 2,
    };

    /// <summary>Failing probes until the gateway is unavailable, each waited for at most its timeout, plus slack.</summary>
    public static TimeSpan UnavailableWithin =>
        (GatewayOptions.UnavailableAfterFailures * (GatewayOptions.Interval + GatewayOptions.Timeout)) + s_slack;

    /// <summary>A stub delay between the slow threshold and the timeout: every probe is slow, none fails.</summary>
    public static TimeSpan SlowAnswer => (GatewayOptions.SlowThreshold + GatewayOptions.Timeout) / 2;

    /// <summary>Slow probes until the gateway is degraded, each answering after <see cref="SlowAnswer"/>, plus slack.</summary>
    public static TimeSpan DegradedWithin =>
        (GatewayOptions.DegradedAfterProblems * (GatewayOptions.Interval + SlowAnswer)) + s_slack;

    /// <summary>Fast probes until the gateway is healthy again, each answering within the slow threshold, plus slack.</summary>
    public static TimeSpan HealthyWithin =>
        (GatewayOptions.RecoverAfterSuccesses * (GatewayOptions.Interval + GatewayOptions.SlowThreshold)) + s_slack;

    public LiteLlmStubServer Stub { get; private set; } = null!;

    public BrowserAppFactory App => _app!;

    public string OperatorEmail { get; private set; } = "";

    /// <summary>A user (not an operator) of <see cref="NorthAccountId"/>.</summary>
    public string UserEmail { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync("browser_operator", cancellationToken);
        Stub = await LiteLlmStubServer.StartAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Stub.Add(SeedRows(now));

        _app = new BrowserAppFactory(connectionString, Stub.BaseUrl, Stub.ApiKey, GatewaySettings());
        _app.Start();
        OperatorEmail = await _app.CreateUserAsync(OperatorAccountId, Password, isOperator: true);
        UserEmail = await _app.CreateUserAsync(NorthAccountId, Password);
        await _app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync([.. SeedReceipts(now)], cancellationToken);

        _chromium = await ChromiumSession.LaunchAsync();
    }

    /// <summary>
    /// Runs <paramref name="test"/> in a fresh context (UTC, <see cref="BrowserFixture.PageCulture"/>) signed in as the
    /// operator or as the customer's user, landing on <c>/activity</c>; a failing test leaves a screenshot.
    /// </summary>
    public Task RunAsync(string name, bool asOperator, Func<IPage, Task> test, CancellationToken cancellationToken) =>
        _chromium!.RunAsync(
            App.BaseUrl,
            BrowserFixture.PageCulture.Name,
            name,
            page => ChromiumSession.SignInAsync(page, asOperator ? OperatorEmail : UserEmail, Password, "/activity"),
            test,
            cancellationToken);

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

    private static Dictionary<string, string?> GatewaySettings()
    {
        var options = GatewayOptions;

        return new Dictionary<string, string?>
        {
            ["GatewayHealth:Enabled"] = "true",
            ["GatewayHealth:Interval"] = options.Interval.ToString("c", CultureInfo.InvariantCulture),
            ["GatewayHealth:Timeout"] = options.Timeout.ToString("c", CultureInfo.InvariantCulture),
            ["GatewayHealth:SlowThreshold"] = options.SlowThreshold.ToString("c", CultureInfo.InvariantCulture),
            ["GatewayHealth:Window"] = options.Window.ToString("c", CultureInfo.InvariantCulture),
            ["GatewayHealth:DegradedAfterProblems"] = options.DegradedAfterProblems.ToString(CultureInfo.InvariantCulture),
            ["GatewayHealth:UnavailableAfterFailures"] = options.UnavailableAfterFailures.ToString(CultureInfo.InvariantCulture),
            ["GatewayHealth:RecoverAfterSuccesses"] = options.RecoverAfterSuccesses.ToString(CultureInfo.InvariantCulture),
        };
    }

    // Calls hours inside the last day, none near its edges, so a page and an API call resolving "24h" seconds apart
    // read the same ones. LiteLLM's spend is the provider cost; Billing:Markup is 1.2.
    private static IEnumerable<LiteLlmStubRow> SeedRows(DateTimeOffset now)
    {
        yield return Row(NorthAccountId, "chatcmpl-north-right-a", now.AddMinutes(-50), 0.0100m);
        yield return Row(NorthAccountId, "chatcmpl-north-right-b", now.AddMinutes(-170), 0.0250m);
        yield return Row(NorthAccountId, "chatcmpl-north-unbilled", now.AddMinutes(-230), 0.0300m);
        yield return Row(NorthAccountId, "chatcmpl-north-overbilled", now.AddMinutes(-290), 0.0100m);
        yield return Row(SouthAccountId, "chatcmpl-south-right", now.AddMinutes(-110), 0.0040m);
        yield return Row(SouthAccountId, "chatcmpl-south-unbilled", now.AddMinutes(-410), 0.0060m);
    }

    // Billed at the markup, except one call billed five times its cost, and one receipt whose call LiteLLM never saw.
    private static IEnumerable<ChargeReceipt> SeedReceipts(DateTimeOffset now)
    {
        yield return Receipt(NorthAccountId, "chatcmpl-north-right-a", now.AddMinutes(-50), 0.012m);
        yield return Receipt(NorthAccountId, "chatcmpl-north-right-b", now.AddMinutes(-170), 0.030m);
        yield return Receipt(NorthAccountId, "chatcmpl-north-overbilled", now.AddMinutes(-290), 0.050m);
        yield return Receipt(NorthAccountId, "chatcmpl-north-nowhere", now.AddMinutes(-350), 0.070m);
        yield return Receipt(SouthAccountId, "chatcmpl-south-right", now.AddMinutes(-110), 0.0048m);
    }

    private static LiteLlmStubRow Row(string accountId, string callId, DateTimeOffset at, decimal providerCost) =>
        LiteLlmStubRow.From(accountId, TestData.UsageEvent(callId: callId, at: at, spend: providerCost));

    private static ChargeReceipt Receipt(string accountId, string callId, DateTimeOffset callAt, decimal billed) =>
        TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: callAt.AddSeconds(3), responseCostUsd: billed);
}
