using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Shared;

/// <summary>
/// The real app (Program, all its registrations, a real PostgreSQL) with the clock replaced by a fake, and, unless
/// the test points it at a LiteLLM stub, the usage source replaced by a <see cref="FakeUsageAdapter"/>.
/// </summary>
public sealed class ActivityAppFactory : WebApplicationFactory<Program>
{
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

    /// <summary>The account every request is answered for (<c>Dashboard:AccountId</c>).</summary>
    public string AccountId { get; }

    public FakeTimeProvider Clock { get; }

    public FakeUsageAdapter Usage { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Receipts", _connectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.UseSetting("Dashboard:AccountId", AccountId);
        builder.UseSetting("UsageSource:Mode", "LiteLlm");

        // Unused when the fake replaces the adapter, but the options are validated at start-up.
        builder.UseSetting("LiteLlm:BaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("LiteLlm:ApiKey", "sk-test-not-used");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
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
        });
    }
}
