using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// The real app (Program and all its registrations) served by Kestrel on 127.0.0.1 and a free port, so a real browser
/// can reach it: a real PostgreSQL, <c>UsageSource:Mode=LiteLlm</c> against a stub, and the system clock (a browser
/// drops a session cookie whose expiry a fake clock put in the past, and presets must match the browser's "now").
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly Uri _liteLlmBaseUrl;
    private readonly string _liteLlmApiKey;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="connectionString">The app's own PostgreSQL database.</param>
    /// <param name="liteLlmBaseUrl">The LiteLLM stub.</param>
    /// <param name="liteLlmApiKey">The key the stub accepts.</param>
    /// <param name="settings">Settings applied over the defaults below (for example the gateway probe's).</param>
    public BrowserAppFactory(
        string connectionString,
        Uri liteLlmBaseUrl,
        string liteLlmApiKey,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _connectionString = connectionString;
        _liteLlmBaseUrl = liteLlmBaseUrl;
        _liteLlmApiKey = liteLlmApiKey;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    /// <summary>Where the app listens, for example <c>http://127.0.0.1:40123/</c>; set by <see cref="Start"/>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Starts Kestrel and reads the address it bound.</summary>
    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Creates a user (a fresh e-mail) of <paramref name="accountId"/>, an operator if asked, and returns the e-mail.</summary>
    public async Task<string> CreateUserAsync(string accountId, string password, bool isOperator = false)
    {
        var email = "browser-" + Guid.NewGuid().ToString("N")[..10] + "@example.test";
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountAdministration>().AddUserAsync(email, accountId, isOperator, password);

        return email;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Receipts", _connectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.UseSetting("UsageSource:Mode", "LiteLlm");
        builder.UseSetting("LiteLlm:BaseUrl", _liteLlmBaseUrl.ToString());
        builder.UseSetting("LiteLlm:ApiKey", _liteLlmApiKey);

        // A stopped stub refuses connections at once; no retries keeps the error state quick to reach.
        builder.UseSetting("LiteLlm:MaxRetries", "0");
        builder.UseSetting("LiteLlm:Timeout", "00:00:10");

        // No gateway probe unless the settings turn it on: the tests count the stub's requests, and the probe's would be
        // among them.
        builder.UseSetting("GatewayHealth:Enabled", "false");

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
