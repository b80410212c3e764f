using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Demo;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActivityDashboard.Core;

/// <summary>The one entry point that registers everything in <c>ActivityDashboard.Core</c>.</summary>
public static class ActivityCoreExtensions
{
    /// <summary>
    /// Binds and validates options, registers the clock, the receipts database, users and roles, the telemetry source chosen by
    /// <c>UsageSource:Mode</c>, the gateway monitor and its alerts, and <see cref="ActivityService"/>.
    /// </summary>
    public static IHostApplicationBuilder AddActivityCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Options
        builder.Services.AddOptions<UsageSourceOptions>().BindConfiguration(UsageSourceOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<BillingOptions>()
            .BindConfiguration(BillingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Clock: everything that needs "now" takes a TimeProvider.
        builder.Services.AddSingleton(TimeProvider.System);

        // Telemetry source: read once at registration; switching needs a restart.
        var mode = builder.Configuration.GetSection(UsageSourceOptions.SectionName).GetValue<UsageSourceMode?>(nameof(UsageSourceOptions.Mode))
            ?? UsageSourceMode.LiteLlm;
        if (mode == UsageSourceMode.Demo)
        {
            builder.Services.AddDemoUsage();
        }
        else
        {
            builder.Services.AddLiteLlmUsageAdapter();
        }

        // Gateway health: the probe runs only where there is a LiteLLM to probe; alerts and the page exist in both modes.
        builder.Services.AddGatewayHealth(probeLiteLlm: mode == UsageSourceMode.LiteLlm);

        // Receipts database, and the users and roles kept beside them
        builder.AddChargeReceipts();
        builder.AddAccounts();

        // Service
        builder.Services.AddSingleton<ActivityService>();
        builder.Services.AddSingleton<ReconciliationService>();

        return builder;
    }
}
