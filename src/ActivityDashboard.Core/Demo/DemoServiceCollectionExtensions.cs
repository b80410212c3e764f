using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Demo;

/// <summary>Registers the demo mode: the fake usage source and the seeding of synthetic calls and receipts.</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>FakeUsageAdapter</c> as the <c>IActivityUsagePort</c> and a hosted service that seeds it (and
    /// the matching receipts) with a deterministic synthetic history, then keeps the last hour live.
    /// </summary>
    public static IServiceCollection AddDemoUsage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // REVIEW: the demo keeps its telemetry in process memory; it exists so the app runs with no LiteLLM at all.
        services.AddSingleton<FakeUsageAdapter>();
        services.AddSingleton<IActivityUsagePort>(sp => sp.GetRequiredService<FakeUsageAdapter>());
        services.AddSingleton(sp =>
        {
            var billing = sp.GetRequiredService<IOptions<BillingOptions>>().Value;

            return new DemoUsageGenerator(billing.Markup, billing.CreditsPerUsd);
        });
        services.AddHostedService<DemoSeeder>();

        return services;
    }
}
