using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>
/// The real LiteLLM adapter as the app registers it (<see cref="LiteLlmServiceCollectionExtensions.AddLiteLlmUsageAdapter"/>
/// over configuration), pointed at a stub, with every log line captured.
/// </summary>
public sealed class LiteLlmTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LiteLlmTestHost(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public IActivityUsagePort Port => _services.GetRequiredService<IActivityUsagePort>();

    /// <summary>The host's services, for what a test observes beside the port (its meter factory, for one).</summary>
    public IServiceProvider Services => _services;

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Builds the adapter. <paramref name="configure"/> runs after configuration binding (shorter timeouts etc.).</summary>
    public static LiteLlmTestHost Create(
        Uri baseUrl,
        string apiKey = LiteLlmStubServer.DefaultApiKey,
        Action<LiteLlmOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LiteLlm:BaseUrl"] = baseUrl.ToString(),
                ["LiteLlm:ApiKey"] = apiKey,
            })
            .Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddLiteLlmUsageAdapter();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new LiteLlmTestHost(services.BuildServiceProvider(), logs);
    }

    public static LiteLlmTestHost Create(LiteLlmStubServer stub, Action<LiteLlmOptions>? configure = null) =>
        Create(stub.BaseUrl, LiteLlmStubServer.DefaultApiKey, configure);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
