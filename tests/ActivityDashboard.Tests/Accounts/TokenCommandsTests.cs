using System.Net;
using System.Net.Http.Headers;
using ActivityDashboard.Configuration;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>The <c>tokens create</c> command against the app's services and a real PostgreSQL.</summary>
public sealed class TokenCommandsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_Create_PrintsOnlyATokenThatWorksAgainstTheApi()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now, "cli-acct");
        app.Usage.Add("cli-acct", [TestData.UsageEvent(callId: "cli-call-1", at: s_now.AddMinutes(-5))]);
        var email = await app.CreateUserAsync();

        var (code, output, error) = await RunAsync(app, "tokens", "create", "--email", email, "--name", "nightly export");
        var token = output.TrimEnd('\n', '\r');
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/activity?range=1h", TestContext.Current.CancellationToken);

        code.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().MatchRegex("^adt_[A-Za-z0-9_-]{43}\r?\n$", "stdout holds the token and nothing else");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("cli-call-1", "the token acts as its user");
    }

    [Theory]
    [InlineData("tokens", "create", "--email", "nobody@example.test", "--name", "x")]
    [InlineData("tokens", "create", "--email", "{email}")]
    [InlineData("tokens", "create", "--email", "{email}", "--name", "   ")]
    [InlineData("tokens", "create", "--email", "{email}", "--name", "{long}")]
    [InlineData("tokens", "create", "--email", "{email}", "--name")]
    [InlineData("tokens", "create", "--name", "x")]
    [InlineData("tokens", "create", "--email", "{email}", "--name", "x", "--name", "y")]
    [InlineData("tokens", "create", "--email", "{email}", "--name", "x", "--account", "acme")]
    [InlineData("tokens", "list")]
    [InlineData("tokens")]
    [InlineData("tokens", "create", "--email", "{disabled}", "--name", "x")]
    public async Task RunAsync_BadInput_ExitsWith2AndSaysWhyOnStderr(params string[] args)
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);
        var email = await app.CreateUserAsync();
        var disabled = await app.CreateUserAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().DisableUserAsync(disabled);
        }

        var (code, output, error) = await RunAsync(app, args
            .Select(a => a.Replace("{email}", email, StringComparison.Ordinal)
                .Replace("{disabled}", disabled, StringComparison.Ordinal)
                .Replace("{long}", new string('n', 101), StringComparison.Ordinal))
            .ToArray());

        code.Should().Be(2);
        error.Should().NotBeNullOrWhiteSpace();
        output.Should().BeEmpty();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(ActivityAppFactory app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TokenCommands.RunAsync(app.Services, args, output, error);

        return (code, output.ToString(), error.ToString());
    }
}
