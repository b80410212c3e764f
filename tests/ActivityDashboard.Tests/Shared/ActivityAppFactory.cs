using System.Net;
using System.Text.RegularExpressions;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Shared;

/// <summary>
/// The real app (Program, all its registrations, a real PostgreSQL) with the clock replaced by a fake, and, unless
/// the test points it at a LiteLLM stub, the usage source replaced by a <see cref="FakeUsageAdapter"/>. Users are
/// real Identity users in the same database; clients sign in through the real sign-in form.
/// </summary>
public sealed partial class ActivityAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _useFakeUsage;

    public ActivityAppFactory(
        string connectionString,
        DateTimeOffset now,
        string accountId = "acct-test",
        IReadOnlyDictionary<string, string?>? settings = null,
        bool useFakeUsage = true)
    {
        AccountId = accountId;
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _useFakeUsage = useFakeUsage;
        Clock = new FakeTimeProvider(now);
        Usage = new FakeUsageAdapter(Clock);
    }

    /// <summary>The account of the users <see cref="CreateUserClientAsync"/> creates by default.</summary>
    public string AccountId { get; }

    public FakeTimeProvider Clock { get; }

    public FakeUsageAdapter Usage { get; }

    /// <summary>When set, receives every log entry of the app at every level (Trace and up, whatever the settings say).</summary>
    public CapturingLoggerProvider? CapturedLogs { get; init; }

    /// <summary>When set, runs after the app's registrations and the test replacements (an extra exporter, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>A client that follows no redirects and keeps cookies, not signed in.</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a user (a fresh e-mail) of <paramref name="accountId"/> and returns the e-mail.</summary>
    public async Task<string> CreateUserAsync(string? accountId = null, bool isOperator = false, string password = Password)
    {
        var email = "user-" + Guid.NewGuid().ToString("N")[..10] + "@example.test";
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountAdministration>()
            .AddUserAsync(email, accountId ?? AccountId, isOperator, password);

        return email;
    }

    /// <summary>A new user of <paramref name="accountId"/> (default <see cref="AccountId"/>), signed in through the form.</summary>
    public async Task<HttpClient> CreateUserClientAsync(string? accountId = null, bool isOperator = false)
    {
        var email = await CreateUserAsync(accountId, isOperator);
        var client = CreateAnonymousClient();
        using var response = await SignInAsync(client, email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>
    /// Signs in the way a browser does: GETs the form, reads its antiforgery token, POSTs the fields. A success is a
    /// 302 to the return URL with the session cookie kept by <paramref name="client"/>; a failure is the page again.
    /// </summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = "/account/sign-in" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        return PostFormAsync(client, path, "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>
    /// Submits one of the app's server-rendered forms as a browser does: GETs <paramref name="path"/>, reads its
    /// antiforgery token, and POSTs <paramref name="fields"/> with it to the form named <paramref name="formName"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client,
        string path,
        string formName,
        IReadOnlyDictionary<string, string> fields)
    {
        var cancellationToken = Xunit.TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync(path, cancellationToken);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var values = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        };
        using var form = new FormUrlEncodedContent(values);

        return await client.PostAsync(path, form, cancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Receipts", _connectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.UseSetting("UsageSource:Mode", "LiteLlm");

        // Unused when the fake replaces the adapter, but the options are validated at start-up.
        builder.UseSetting("LiteLlm:BaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("LiteLlm:ApiKey", "sk-test-not-used");

        // The gateway probe would read the (unused or stubbed) LiteLLM on its own; tests of it switch it back on.
        builder.UseSetting("GatewayHealth:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (CapturedLogs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (_useFakeUsage)
            {
                services.RemoveAll<IActivityUsagePort>();
                services.AddSingleton<IActivityUsagePort>(Usage);
            }

            ConfigureServices?.Invoke(services);
        });
    }
}
