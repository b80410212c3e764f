using System.Net;
using ActivityDashboard.Configuration;
using ActivityDashboard.Tests.Browser;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Configuration;

/// <summary>
/// <c>dotnet ActivityDashboard.dll health</c>, the container image's HEALTHCHECK: 0 against the real app's live
/// endpoint on a real port, 1 naming the status or the missing answer, 2 with the usage for bad arguments.
/// </summary>
public sealed class HealthCheckCommandTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_RealAppListening_ExitsZero()
    {
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = new BrowserAppFactory(database.ConnectionString, stub.BaseUrl, stub.ApiKey);
        app.Start();
        var (output, error) = (new StringWriter(), new StringWriter());

        // The app's own address, as ASPNETCORE_URLS would give it.
        var exitCode = await HealthCheckCommand.RunAsync(["health"], app.BaseUrl.ToString(), output, error);

        exitCode.Should().Be(0, error.ToString());
        output.ToString().Should().Be($"{new Uri(app.BaseUrl, "/health/live")}: 200 healthy{Environment.NewLine}");
    }

    [Fact]
    public async Task Run_AnswerIsNotOk_ExitsOneNamingTheStatus()
    {
        await using var server = await StartServerAsync(StatusCodes.Status503ServiceUnavailable);
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = await HealthCheckCommand.RunAsync(["health", "--url", server.Url + "health/live"], null, output, error);

        exitCode.Should().Be(1);
        error.ToString().Should().Contain("/health/live: status 503");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Run_NothingListening_ExitsOneSayingNoAnswer()
    {
        var port = ChromiumSession.FreePort();
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = await HealthCheckCommand.RunAsync(["health"], $"http://+:{port}", output, error);

        exitCode.Should().Be(1);
        error.ToString().Should().StartWith($"http://127.0.0.1:{port}/health/live: no answer");
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:8080/health/live")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("http://*:5000;https://*:5001", "http://127.0.0.1:5000/health/live")]
    [InlineData(" http://0.0.0.0:7000 ", "http://127.0.0.1:7000/health/live")]
    [InlineData("http://[::]:80", "http://127.0.0.1/health/live")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/health/live")]
    public void TryTarget_FromAspNetCoreUrls_AsksTheLiveEndpointLocally(string? urls, string expected)
    {
        HealthCheckCommand.TryTarget(["health"], urls, out var target, out _).Should().BeTrue();

        target.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("--url")]
    [InlineData("--url", "not a url")]
    [InlineData("--url", "ftp://127.0.0.1/health/live")]
    [InlineData("--port", "8080")]
    public async Task Run_BadArguments_ExitsTwoWithTheUsage(params string[] arguments)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = await HealthCheckCommand.RunAsync(["health", .. arguments], null, output, error);

        exitCode.Should().Be(2);
        error.ToString().Should().StartWith("Usage: health [--url http://host:port/health/live]");
    }

    [Fact]
    public async Task Run_UrlsNotHttp_ExitsTwoNamingThem()
    {
        var error = new StringWriter();

        var exitCode = await HealthCheckCommand.RunAsync(["health"], "unix:/run/app.sock", new StringWriter(), error);

        exitCode.Should().Be(2);
        error.ToString().Should().Contain("'unix:/run/app.sock'").And.Contain("pass --url");
    }

    private static async Task<StatusServer> StartServerAsync(int status)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = status;

            return Task.CompletedTask;
        });
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        return new StatusServer(app, address.TrimEnd('/') + "/");
    }

    private sealed record StatusServer(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
