using System.Net;
using System.Text.Json;
using ActivityDashboard.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>Registers the LiteLLM spend-log client behind <see cref="IActivityUsagePort"/>.</summary>
public static class LiteLlmServiceCollectionExtensions
{
    private const string PipelineName = "litellm-spend-logs";

    // Strict on purpose: a wrong JSON type or a missing required field fails the page (InvalidResponse) instead of
    // turning into a zero. Unknown fields are ignored, so new LiteLLM columns do not break us.
    private static readonly JsonSerializerOptions s_jsonOptions = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Refit's settings for every client of <see cref="ILiteLlmSpendApi"/> (the users' and the gateway probe's).</summary>
    internal static RefitSettings RefitSettings { get; } = new() { ContentSerializer = new SystemTextJsonContentSerializer(s_jsonOptions) };

    /// <summary>
    /// Binds and validates <see cref="LiteLlmOptions"/>, registers the Refit client with its auth handler and
    /// resilience pipeline, and <c>LiteLlmUsageAdapter</c> as the <see cref="IActivityUsagePort"/>.
    /// </summary>
    public static IServiceCollection AddLiteLlmUsageAdapter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Options: data annotations for ranges, ValidateLiteLlmOptions for what needs a sentence; fail at boot.
        services.AddOptions<LiteLlmOptions>()
            .BindConfiguration(LiteLlmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiteLlmOptions>, ValidateLiteLlmOptions>());
        services.TryAddSingleton(TimeProvider.System);

        // HTTP client: Refit over IHttpClientFactory; the key is added by LiteLlmAuthHandler, never by hand.
        // Refit 16.4's AddRefitClient needs the separate Refit.Reflection package; the source-generated client is the
        // same typed HttpClient builder without runtime reflection.
        services.AddTransient<LiteLlmAuthHandler>();
        services.AddRefitGeneratedClient<ILiteLlmSpendApi>(RefitSettings)
            .ConfigureHttpClient(static (serviceProvider, client) =>
            {
                var options = serviceProvider.GetRequiredService<IOptions<LiteLlmOptions>>().Value;
                client.BaseAddress = options.BaseUrl;

                // The resilience pipeline owns the timeout (and tells it apart from cancellation); HttpClient's
                // own timeout is only a backstop set high enough never to fire first.
                client.Timeout = options.Timeout + TimeSpan.FromSeconds(5);
            })
            // The adapter is a singleton holding this client for the app's lifetime, so connections are recycled by
            // the socket handler (DNS changes are picked up) instead of by rotating handlers.
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<LiteLlmAuthHandler>()
            .AddResilienceHandler(PipelineName, static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LiteLlmOptions>>().Value;

                // Transport timeouts run on real elapsed time. The app's TimeProvider answers "what time is it" for
                // ranges and buckets; a clock frozen for a test or a replay must not stop LiteLLM calls timing out.
                pipeline.TimeProvider = TimeProvider.System;

                // Outer: one budget for the whole call, retries included. Its TimeoutRejectedException is how the
                // adapter tells "LiteLLM too slow" from "the caller cancelled".
                pipeline.AddTimeout(options.Timeout);

                // Inner: retry only what is transient (no response at all, or 502/503/504), quickly.
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(150),
                        ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    });
                }
            });

        // Metrics: the adapter's instruments on the meter factory (a no-op until something listens).
        services.AddMetrics();
        services.TryAddSingleton<LiteLlmMetrics>();

        // The port: one adapter for the app's lifetime (it remembers a refused page size).
        services.TryAddSingleton<LiteLlmUsageAdapter>();
        services.TryAddSingleton<IActivityUsagePort>(static serviceProvider => serviceProvider.GetRequiredService<LiteLlmUsageAdapter>());

        return services;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
