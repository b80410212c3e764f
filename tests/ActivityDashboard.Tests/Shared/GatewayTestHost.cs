using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Shared;

/// <summary>
/// The gateway monitor as the app registers it (<see cref="GatewayHealthServiceCollectionExtensions.AddGatewayHealth"/>
/// and the LiteLLM adapter over configuration), in a real host with its hosted services running, on a fake clock,
/// pointed at a LiteLLM stub. <see cref="ProbeNextAsync"/> moves the clock one interval and waits for that probe.
/// </summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>How far the clock is moved after the first probe: the default window.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(5);

    private readonly IHost _host;
    private int _recorded;

    private GatewayTestHost(IHost host, FakeTimeProvider clock, CapturingLoggerProvider logs)
    {
        _host = host;
        Clock = clock;
        Logs = logs;
        Monitor.Changed += _ => Interlocked.Increment(ref _recorded);
    }

    public FakeTimeProvider Clock { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _host.Services;

    public GatewayHealthMonitor Monitor => Services.GetRequiredService<GatewayHealthMonitor>();

    public AlertLog Alerts => Services.GetRequiredService<AlertLog>();

    /// <summary>The users' usage source (the LiteLLM adapter), to show the probe and users do not share failures.</summary>
    public IActivityUsagePort Usage => Services.GetRequiredService<IActivityUsagePort>();

    /// <summary>
    /// Starts the host (which probes once at once), waits for it and probes on for <see cref="WarmUp"/>, so
    /// the clock then stands at the start time plus <see cref="WarmUp"/>. Defaults: slow over 200 ms,
    /// timeout 2 s, degraded after 2 problems in 5 min, unavailable after 3 failures, healthy after 3 fast answers.
    /// </summary>
    public static async Task<GatewayTestHost> StartAsync(
        LiteLlmStubServer stub,
        DateTimeOffset now,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiteLlm:BaseUrl"] = stub.BaseUrl.ToString(),
            ["LiteLlm:ApiKey"] = LiteLlmStubServer.DefaultApiKey,
            ["LiteLlm:MaxRetries"] = "0",
            ["GatewayHealth:Interval"] = "00:00:30",
            ["GatewayHealth:SlowThreshold"] = "00:00:00.200",
            ["GatewayHealth:Timeout"] = "00:00:02",
            ["Alerting:RetryDelay"] = "00:00:00.020",
            ["Alerting:PublicBaseUrl"] = "https://dashboard.example.test/",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var clock = new FakeTimeProvider(now);
        var logs = new CapturingLoggerProvider();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLiteLlmUsageAdapter();
        builder.Services.AddGatewayHealth(probeLiteLlm: true);

        var host = builder.Build();
        var gateway = new GatewayTestHost(host, clock, logs);
        await host.StartAsync(Xunit.TestContext.Current.CancellationToken);
        await gateway.WaitForProbesAsync(1);

        // The first probe of a fresh process can be slow (JIT, first connection). Probing on for a whole window leaves
        // it outside the window, so the tests start from a warm, clean, healthy gateway. (One jump of the clock by the
        // whole window would fire the periodic timer more than once.)
        await gateway.ProbeAsync((int)(WarmUp / Interval));

        return gateway;
    }

    /// <summary>Moves the clock one interval and returns the probe that ran then.</summary>
    public async Task<ProbeResult> ProbeNextAsync()
    {
        var expected = Volatile.Read(ref _recorded) + 1;
        Clock.Advance(Interval);
        await WaitForProbesAsync(expected);

        return Monitor.Current.LastProbe!;
    }

    /// <summary>Runs <paramref name="count"/> probes and returns the states after each.</summary>
    public async Task<IReadOnlyList<GatewayState>> ProbeAsync(int count)
    {
        var states = new List<GatewayState>();
        for (var i = 0; i < count; i++)
        {
            await ProbeNextAsync();
            states.Add(Monitor.Current.State);
        }

        return states;
    }

    private async Task WaitForProbesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Volatile.Read(ref _recorded) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Probe {count} never came; {Volatile.Read(ref _recorded)} so far.");
            }

            await Task.Delay(10, Xunit.TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
