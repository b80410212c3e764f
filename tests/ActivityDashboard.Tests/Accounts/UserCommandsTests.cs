using ActivityDashboard.Configuration;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>The <c>users</c> commands against the app's services and a real PostgreSQL.</summary>
public sealed class UserCommandsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_AddListDisable_WorkAndTheGeneratedPasswordSignsIn()
    {
        // Arrange
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);
        var email = Email();

        // Act
        var (addCode, addOut, _) = await RunAsync(app, "users", "add", "--email", email, "--account", "acme-corp", "--operator");
        var password = addOut.Split('\n').Single(l => l.StartsWith("Password: ", StringComparison.Ordinal))["Password: ".Length..].Trim();
        using var signIn = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, password);
        var (disableCode, _, _) = await RunAsync(app, "users", "disable", "--email", email);
        var (listCode, listOut, _) = await RunAsync(app, "users", "list");

        // Assert
        addCode.Should().Be(0);
        password.Should().HaveLength(20);
        signIn.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, "the printed password is the user's");
        disableCode.Should().Be(0);
        listCode.Should().Be(0);
        listOut.Should().Contain($"{email}\tacme-corp\toperator\tdisabled");
    }

    [Fact]
    public async Task RunAsync_AddWithPassword_PrintsNoPasswordAndListsAPlainUser()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);
        var email = Email();

        var (code, output, _) = await RunAsync(app, "users", "add", "--email", email, "--account", "globex", "--password", "a long enough passphrase");
        var (_, list, _) = await RunAsync(app, "users", "list");

        code.Should().Be(0);
        output.Should().NotContain("Password:");
        list.Should().Contain($"{email}\tglobex\tuser\tactive");
    }

    [Theory]
    [InlineData("users", "add", "--account", "acme-corp")]
    [InlineData("users", "add", "--email", "not-an-email", "--account", "acme-corp")]
    [InlineData("users", "add", "--email", "{email}")]
    [InlineData("users", "add", "--email", "{email}", "--account", "bad account!")]
    [InlineData("users", "add", "--email", "{email}", "--account", "acme-corp", "--password", "short")]
    [InlineData("users", "add", "--email", "{email}", "--account")]
    [InlineData("users", "add", "--email", "{email}", "--account", "acme-corp", "--colour", "blue")]
    [InlineData("users", "disable", "--email", "{email}")]
    [InlineData("users", "disable")]
    [InlineData("users", "remove", "--email", "{email}")]
    [InlineData("users")]
    public async Task RunAsync_BadInput_ExitsWith2AndSaysWhy(params string[] args)
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);
        var email = Email();

        var (code, output, error) = await RunAsync(app, args.Select(a => a.Replace("{email}", email, StringComparison.Ordinal)).ToArray());

        code.Should().Be(2);
        error.Should().NotBeNullOrWhiteSpace();
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_DuplicateEmail_ExitsWith2NamingIt()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);
        var email = Email();
        await RunAsync(app, "users", "add", "--email", email, "--account", "acme-corp");

        var (code, _, error) = await RunAsync(app, "users", "add", "--email", email, "--account", "globex");

        code.Should().Be(2);
        error.Should().Contain("already exists");
    }

    private static string Email() => "cli-" + Guid.NewGuid().ToString("N")[..10] + "@example.test";

    private static async Task<(int Code, string Output, string Error)> RunAsync(ActivityAppFactory app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await UserCommands.RunAsync(app.Services, args, output, error);

        return (code, output.ToString(), error.ToString());
    }
}
