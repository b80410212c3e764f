using System.Net;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActivityDashboard.Tests.Telemetry;

/// <summary><c>/health/live</c> and <c>/health/ready</c> of the real app, open to anonymous callers.</summary>
public sealed class HealthEndpointsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 8, 6, 15, 10, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_MigratedDatabase_Answers200Healthy()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);

        var (status, body) = await GetAsync(app, "/health/ready");

        status.Should().Be(HttpStatusCode.OK);
        body.Should().Be("Healthy");
    }

    [Fact]
    public async Task Live_MigratedDatabase_Answers200Healthy()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now);

        var (status, body) = await GetAsync(app, "/health/live");

        status.Should().Be(HttpStatusCode.OK);
        body.Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_OneAccountsMigrationPending_Answers503Unhealthy()
    {
        // Arrange: a database at the latest schema, then the newest accounts migration forgotten, as if this build
        // were newer than the last 'migrate'.
        var connectionString = await database.Server.CreateDatabaseAsync("healthpending", Ct);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            var history = AccountsDbContext.MigrationsHistoryTable;
            await using var command = new NpgsqlCommand(
                $"""DELETE FROM "{history}" WHERE "MigrationId" = (SELECT max("MigrationId") FROM "{history}")""",
                connection);
            (await command.ExecuteNonQueryAsync(Ct)).Should().Be(1);
        }

        var logs = new CapturingLoggerProvider();
        await using var app = new ActivityAppFactory(connectionString, s_now, settings: NoMigrationsAtStart) { CapturedLogs = logs };

        // Act
        var (ready, body) = await GetAsync(app, "/health/ready");
        var (live, _) = await GetAsync(app, "/health/live");

        // Assert
        ready.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.Should().Be("Unhealthy", "the endpoint is anonymous: which migration is missing goes to the log only");
        logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains("1 migration(s) not applied: accounts/"));
        live.Should().Be(HttpStatusCode.OK, "the process itself is fine; only readiness waits for the migration");
    }

    [Fact]
    public async Task Ready_PostgresUnreachable_Answers503UnhealthyWhileLiveStays200()
    {
        // A connection string to a port nobody listens on: PostgreSQL is down.
        var closed = LiteLlmStubServer.ReserveClosedPort();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = closed.Port,
            Database = "activity",
            Username = "activity",
            Timeout = 3,
        }.ConnectionString;
        await using var app = new ActivityAppFactory(connectionString, s_now, settings: NoMigrationsAtStart);

        var (ready, body) = await GetAsync(app, "/health/ready");
        var (live, _) = await GetAsync(app, "/health/live");

        ready.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.Should().Be("Unhealthy");
        live.Should().Be(HttpStatusCode.OK);
    }

    private static Dictionary<string, string?> NoMigrationsAtStart => new() { ["Database:ApplyMigrations"] = "false" };

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ActivityAppFactory app, string path)
    {
        using var response = await app.CreateAnonymousClient().GetAsync(path, Ct);

        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
