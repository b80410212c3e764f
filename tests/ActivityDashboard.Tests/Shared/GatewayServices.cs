using ActivityDashboard.Core.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActivityDashboard.Tests.Shared;

/// <summary>
/// The gateway monitor and alerting as the app registers them, without the probe, for bUnit contexts: tests feed the
/// real <see cref="GatewayHealthMonitor"/> probe results themselves.
/// </summary>
public static class GatewayServices
{
    public static IServiceCollection AddGatewayForTests(
        this IServiceCollection services,
        TimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock);
        services.AddLogging();

        return services.AddGatewayHealth(probeLiteLlm: false);
    }

    /// <summary>Starts the registered hosted services (the alert delivery); the test disposes the provider to stop them.</summary>
    public static async Task StartHostedServicesAsync(this IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Xunit.TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Feeds <paramref name="count"/> results of one outcome to the monitor, 30 seconds apart on the clock.</summary>
    public static void Feed(this GatewayHealthMonitor monitor, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, ProbeOutcome outcome, int count)
    {
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            var duration = outcome == ProbeOutcome.Slow ? TimeSpan.FromSeconds(3) : TimeSpan.FromMilliseconds(45);
            var detail = outcome switch
            {
                ProbeOutcome.Slow => "answered in 3 s",
                ProbeOutcome.Failure => "status 503",
                _ => null,
            };
            monitor.Record(new ProbeResult(clock.GetUtcNow(), duration, outcome, detail));
        }
    }
}
