using System.Collections.Concurrent;
using System.Net;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ActivityDashboard.Tests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the app sends its traces and metrics to that collector.</summary>
public sealed class OtlpExportTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 8, 6, 15, 10, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_EndpointConfigured_PostsTracesAndMetricsAsOtlpProtobuf()
    {
        // Arrange: a collector that records what is posted to it, over OTLP/HTTP.
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = new ActivityAppFactory(
            database.ConnectionString,
            s_now,
            "acct-otlp",
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });
        var client = await app.CreateUserClientAsync();
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Act: flush instead of waiting for the exporters' schedules. The meter provider's answer is false whatever
        // OTLP did, because its other reader (Prometheus) only collects on a scrape.
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000).Should().BeTrue();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        // Assert
        collector.Posts.Should().Contain(("/v1/traces", "application/x-protobuf"));
        collector.Posts.Should().Contain(("/v1/metrics", "application/x-protobuf"));
    }

    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, string? ContentType)> _received = new();
        private WebApplication? _app;

        public string Address { get; private set; } = "";

        public IReadOnlyList<(string Path, string? ContentType)> Posts => [.. _received];

        public static async Task<OtlpCollector> StartAsync()
        {
            var collector = new OtlpCollector();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(async context =>
            {
                collector._received.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType));
                await context.Request.Body.CopyToAsync(Stream.Null);

                // An empty Export*ServiceResponse: full success.
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync(Ct);
            collector._app = app;
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            collector.Address = addresses.Single().TrimEnd('/');

            return collector;
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
