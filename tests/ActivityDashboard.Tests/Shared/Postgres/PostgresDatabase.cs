using ActivityDashboard.Core.Receipts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ActivityDashboard.Tests.Shared.Postgres;

/// <summary>
/// A fresh database, migrated to the latest schema, for one test class: use it as <c>IClassFixture&lt;PostgresDatabase&gt;</c>
/// and every class gets its own, so classes running in parallel never see each other's rows.
/// </summary>
public sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public PostgresServer Server => server;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync("class", TestContext.Current.CancellationToken);
    }

    /// <summary>A context factory over this database, optionally with interceptors that watch the commands sent.</summary>
    public IDbContextFactory<ActivityDbContext> CreateContextFactory(params IInterceptor[] interceptors)
    {
        return new OptionsContextFactory(
            new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class OptionsContextFactory(DbContextOptions<ActivityDbContext> options) : IDbContextFactory<ActivityDbContext>
    {
        public ActivityDbContext CreateDbContext() => new(options);
    }
}
