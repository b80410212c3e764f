using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ActivityDashboard.Core.Activity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random port) that speaks LiteLLM's <c>GET /spend/logs/v2</c>: Bearer key, required
/// <c>start_date</c>/<c>end_date</c> in LiteLLM's two formats, an exact <c>end_user</c> filter, both window ends
/// inclusive on <c>startTime</c>, sorting, LIMIT/OFFSET paging with a capped count, and FastAPI's 422 for a page size
/// above <see cref="MaxPageSize"/>. Every request is recorded. The knobs below inject the faults real proxies show.
/// Set knobs before calling; they are read on every request.
/// </summary>
public sealed partial class LiteLlmStubServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-stub-master-5f3c9a1e7b2d4c60";

    private readonly ConcurrentQueue<LiteLlmStubRow> _rows = new();
    private readonly ConcurrentQueue<LiteLlmStubRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _inFlight;
    private int _maxConcurrency;

    private LiteLlmStubServer()
    {
    }

    /// <summary>Where the stub listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The key the stub accepts as <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Largest accepted <c>page_size</c>: 1000 as in LiteLLM 1.102, 100 to mimic older proxies.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Where LiteLLM's bounded count stops (10,000 upstream); above it <c>total_is_capped</c> is true.</summary>
    public int CountCap { get; set; } = 10_000;

    /// <summary>How row timestamps are written; <see cref="LiteLlmStubTimestamps.SixDigitsWithOffset"/> by default.</summary>
    public Func<DateTimeOffset, string> FormatTimestamp { get; set; } = LiteLlmStubTimestamps.SixDigitsWithOffset;

    /// <summary>Answer every request with this, whatever it asks (after <see cref="Delay"/>).</summary>
    public LiteLlmStubResponse? FixedResponse { get; set; }

    /// <summary>Wait this long before answering; the wait ends early when the client aborts.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>A per-request wait that replaces <see cref="Delay"/> when set (to make one chunk slow).</summary>
    public Func<LiteLlmStubRequest, TimeSpan>? DelayFor { get; set; }

    /// <summary>Answer <see cref="WindowFailure"/> for windows (end − start) longer than this.</summary>
    public TimeSpan? FailWindowsLongerThan { get; set; }

    /// <summary>Answer <see cref="WindowFailure"/> for the window whose <c>start_date</c> is this instant (one chunk).</summary>
    public DateTimeOffset? FailWindowStartingAt { get; set; }

    /// <summary>What a failing window gets; LiteLLM's 500 on a database read timeout by default.</summary>
    public LiteLlmStubResponse WindowFailure { get; set; } = LiteLlmStubResponse.DatabaseReadTimeout;

    /// <summary>Return the end user's rows whatever the dates say (as a proxy that ignored the range would).</summary>
    public bool IgnoreWindow { get; set; }

    /// <summary>Always serve page 1 (as a proxy that ignores <c>page</c> would).</summary>
    public bool IgnorePage { get; set; }

    /// <summary>Serve at most this many rows per page and echo it as <c>page_size</c> (a proxy that clamps quietly).</summary>
    public int? ClampPageSizeTo { get; set; }

    /// <summary>The most requests the stub was handling at the same time.</summary>
    public int MaxObservedConcurrency => Volatile.Read(ref _maxConcurrency);

    /// <summary>A last-resort hook: return a response to send it instead of the normal handling, or null.</summary>
    public Func<LiteLlmStubRequest, LiteLlmStubResponse?>? Fault { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<LiteLlmStubRequest> Requests => [.. _requests];

    /// <summary>Requests to the spend-log endpoint only.</summary>
    public IReadOnlyList<LiteLlmStubRequest> SpendLogRequests => [.. _requests.Where(r => r.Path == "/spend/logs/v2")];

    public static Task<LiteLlmStubServer> StartAsync(CancellationToken cancellationToken) => StartAsync(0, cancellationToken);

    /// <summary>
    /// Starts a stub on <paramref name="port"/> (0: a free one). A fixed port lets a test stop the stub and start a new
    /// one at the same address, which the app sees as LiteLLM going down and coming back.
    /// </summary>
    public static async Task<LiteLlmStubServer> StartAsync(int port, CancellationToken cancellationToken)
    {
        var stub = new LiteLlmStubServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(stub.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        stub._app = app;

        return stub;
    }

    /// <summary>An address on 127.0.0.1 where nothing listens, so connecting to it is refused.</summary>
    public static Uri ReserveClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        return new Uri($"http://127.0.0.1:{port}/");
    }

    public void Add(params IEnumerable<LiteLlmStubRow> rows)
    {
        foreach (var row in rows)
        {
            _rows.Enqueue(row);
        }
    }

    public void Add(string endUser, params IEnumerable<UsageEvent> events) => Add(events.Select(e => LiteLlmStubRow.From(endUser, e)));

    /// <summary>Stops listening; later connections to <see cref="BaseUrl"/> are refused.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
