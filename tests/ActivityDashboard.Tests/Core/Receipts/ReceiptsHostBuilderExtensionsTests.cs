using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ActivityDashboard.Tests.Core.Receipts;

public sealed class ReceiptsHostBuilderExtensionsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void AddChargeReceipts_ConnectionStringMissing_ThrowsNamingTheSetting(string? connectionString)
    {
        var builder = Builder(connectionString);

        var act = () => builder.AddChargeReceipts();

        act.Should().Throw<InvalidOperationException>().WithMessage("ConnectionStrings:Receipts is required:*");
    }

    [Fact]
    public async Task AddChargeReceipts_TwoInstances_ShareDataProtectionKeysThroughPostgres()
    {
        // Arrange: two app instances of one deployment over the same database.
        var first = Builder(database.ConnectionString);
        var second = Builder(database.ConnectionString);
        first.AddChargeReceipts();
        second.AddChargeReceipts();
        using var firstHost = first.Build();
        using var secondHost = second.Build();

        // Act
        var protectedText = firstHost.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("cursor")
            .Protect("page-2");
        var unprotected = secondHost.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("cursor")
            .Unprotect(protectedText);

        // Assert
        unprotected.Should().Be("page-2");
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM data_protection_keys")).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task AddChargeReceipts_ApplyMigrationsTrue_MigratesBeforeAnyHostedServiceStarts()
    {
        // Arrange: a hosted service registered first, that needs the table as soon as it starts (like the demo seeder).
        var empty = await database.Server.CreateEmptyDatabaseAsync("applymigrations", Ct);
        var builder = Builder(empty, applyMigrations: true);
        var probe = new SchemaProbe(empty);
        builder.Services.AddSingleton<IHostedService>(probe);
        builder.AddChargeReceipts();
        builder.AddAccounts();
        using var host = builder.Build();

        // Act
        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        // Assert
        probe.TableExistedAtStart.Should().BeTrue();
    }

    [Fact]
    public async Task AddChargeReceipts_ApplyMigrationsUnset_LeavesTheSchemaAlone()
    {
        var empty = await database.Server.CreateEmptyDatabaseAsync("nomigrations", Ct);
        var builder = Builder(empty);
        var probe = new SchemaProbe(empty);
        builder.Services.AddSingleton<IHostedService>(probe);
        builder.AddChargeReceipts();
        builder.AddAccounts();
        using var host = builder.Build();

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        probe.TableExistedAtStart.Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_EmptyThenCurrentDatabase_AppliesOnceThenDoesNothing()
    {
        var empty = await database.Server.CreateEmptyDatabaseAsync("migrator", Ct);
        var builder = Builder(empty);
        builder.AddChargeReceipts();
        builder.AddAccounts();
        using var host = builder.Build();
        var migrator = host.Services.GetRequiredService<DatabaseMigrator>();

        await migrator.MigrateAsync(Ct);
        await migrator.MigrateAsync(Ct);

        (await ScalarAsync(empty, "SELECT count(*) FROM \"__EFMigrationsHistory\"")).Should().Be(1);
        (await ScalarAsync(empty, "SELECT count(*) FROM charge_receipts")).Should().Be(0);
        await using var accounts = await host.Services.GetRequiredService<IDbContextFactory<AccountsDbContext>>().CreateDbContextAsync(Ct);
        var accountsMigrations = accounts.Database.GetMigrations().Count();
        accountsMigrations.Should().BeGreaterThan(0);
        (await ScalarAsync(empty, "SELECT count(*) FROM __accounts_migrations_history")).Should().Be(accountsMigrations, "accounts keep their own history");
        (await ScalarAsync(empty, "SELECT count(*) FROM asp_net_users")).Should().Be(0);
    }

    private static HostApplicationBuilder Builder(string? connectionString, bool applyMigrations = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Receipts"] = connectionString,
            ["Database:ApplyMigrations"] = applyMigrations ? "true" : null,
        });
        builder.Services.AddLogging();

        return builder;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);

        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private sealed class SchemaProbe(string connectionString) : IHostedService
    {
        public bool? TableExistedAtStart { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            const string Sql = "SELECT count(*) FROM pg_tables WHERE tablename = 'charge_receipts'";
            TableExistedAtStart = await ScalarAsync(connectionString, Sql) == 1;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
