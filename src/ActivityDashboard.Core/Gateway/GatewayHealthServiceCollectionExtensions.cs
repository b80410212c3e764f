using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.LiteLlm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ActivityDashboard.Core.Gateway;

/// <summary>Registers the gateway monitor, its probe (LiteLlm mode only) and the alert webhooks.</summary>
public static class GatewayHealthServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>GatewayHealth</c> and <c>Alerting</c>, registers the monitor, the metrics, the alert
    /// queue and its delivery service, and, when <paramref name="probeLiteLlm"/> is true, the probe with its own
    /// LiteLLM client and the service that runs it on a schedule.
    /// </summary>
    public static IServiceCollection AddGatewayHealth(this IServiceCollection services, bool probeLiteLlm)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Options
        services.AddOptions<GatewayHealthOptions>()
            .BindConfiguration(GatewayHealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayHealthOptions>, ValidateGatewayHealthOptions>());
        services.AddOptions<AlertingOptions>()
            .BindConfiguration(AlertingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertingOptions>, ValidateAlertingOptions>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        // State, metrics and alerts: one of each for the app (the state is the app's, not a user's).
        services.TryAddSingleton<GatewayHealthMetrics>();
        services.TryAddSingleton<GatewayHealthMonitor>();
        services.TryAddSingleton(static sp =>
            new AlertLog(sp.GetRequiredService<IOptions<AlertingOptions>>().Value.Webhooks.Select(w => w.DisplayName)));
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService<AlertDeliveryService>();
        AddWebhookClient(services);

        if (probeLiteLlm)
        {
            services.TryAddSingleton<GatewayProbe>();
            services.AddHostedService<GatewayProbeService>();
            AddProbeClient(services);
        }

        return services;
    }

    // The probe's own client: same address and key as the users' client, but its own pipeline (one timeout, no
    // retries: a probe reports what one request got), so a probe can never use up or poison anything users share.
    private static void AddProbeClient(IServiceCollection services)
    {
        services.TryAddTransient<LiteLlmAuthHandler>();
        services.AddHttpClient(GatewayProbe.HttpClientName)
            .ConfigureHttpClient(static (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<LiteLlmOptions>>().Value.BaseUrl;
                client.Timeout = sp.GetRequiredService<IOptions<GatewayHealthOptions>>().Value.Timeout + TimeSpan.FromSeconds(5);
            })
            .AddHttpMessageHandler<LiteLlmAuthHandler>()
            .AddResilienceHandler("litellm-gateway-probe", static (pipeline, context) =>
            {
                // Real elapsed time, as for the users' client: a frozen test clock must not stop a probe timing out.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<GatewayHealthOptions>>().Value.Timeout);
            });
    }

    // Webhooks: retries of transient failures with exponential back-off (no jitter: a handful of alerts per incident
    // cannot stampede a receiver), each attempt under its own timeout, all on real elapsed time like every transport
    // wait in this app, so a frozen clock cannot hold an alert back.
    private static void AddWebhookClient(IServiceCollection services)
    {
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)

            // HttpClient's own request logging writes the full URL, and a webhook URL often carries its token.
            .RemoveAllLoggers()
            .AddResilienceHandler("alert-webhooks", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<AlertingOptions>>().Value;
                pipeline.TimeProvider = TimeProvider.System;
                if (options.MaxAttempts > 1)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxAttempts - 1,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = false,
                        Delay = options.RetryDelay,
                        MaxDelay = TimeSpan.FromMinutes(5),
                    });
                }

                pipeline.AddTimeout(options.Timeout);
            });
    }
}
