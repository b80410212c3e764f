using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Shared;

/// <summary>
/// A real HTTP server on 127.0.0.1 that takes alert webhooks: records every attempt (headers and body) and answers
/// 503 to the first <see cref="FailFirst"/> attempts, then <see cref="Status"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private WebApplication _app = null!;
    private int _count;

    private WebhookReceiver()
    {
    }

    /// <summary>Where to POST, for example <c>http://127.0.0.1:41234/hooks/alerts-token</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How many attempts in a row get 503 before any gets <see cref="Status"/>.</summary>
    public int FailFirst { get; set; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

    public IReadOnlyList<Attempt> Attempts => [.. _attempts];

    /// <summary>The bodies of the attempts that were answered with a success, parsed.</summary>
    public IReadOnlyList<JsonElement> Delivered => [.. _attempts.Where(a => a.Succeeded).Select(a => JsonDocument.Parse(a.Body).RootElement)];

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/alerts-token");
        receiver._app = app;

        return receiver;
    }

    /// <summary>Waits (real time) until <paramref name="condition"/> holds, or fails after 15 seconds.</summary>
    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The webhook receiver never saw {because}; attempts: {_attempts.Count}.");
            }

            await Task.Delay(20, Xunit.TestContext.Current.CancellationToken);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var succeeded = Interlocked.Increment(ref _count) > FailFirst;
        context.Response.StatusCode = succeeded ? (int)Status : StatusCodes.Status503ServiceUnavailable;
        _attempts.Enqueue(new Attempt(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.ContentType,
            context.Request.Headers["X-ActivityDashboard-Signature"].ToString() is { Length: > 0 } signature ? signature : null,
            body,
            succeeded && (int)Status is >= 200 and <= 299));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One POST as received.</summary>
    public sealed record Attempt(string Method, string Path, string? ContentType, string? Signature, string Body, bool Succeeded);
}
