using ActivityDashboard.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Core.Receipts;

/// <summary>Brings the database up to the latest migration of both its schemas: receipts, then accounts.</summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<ActivityDbContext> receiptsContextFactory,
    IDbContextFactory<AccountsDbContext> accountsContextFactory,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>
    /// Applies every pending migration and logs which. Safe to run from several instances at once (EF Core takes a
    /// database lock while migrating) and a no-op when the schema is current.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var receipts = await receiptsContextFactory.CreateDbContextAsync(cancellationToken))
        {
            await MigrateAsync(receipts, "receipts", cancellationToken);
        }

        await using var accounts = await accountsContextFactory.CreateDbContextAsync(cancellationToken);
        await MigrateAsync(accounts, "accounts", cancellationToken);
    }

    /// <summary>
    /// The migrations not applied yet, as <c>schema/migration</c> (receipts first, then accounts); empty when both
    /// schemas are current. Reads only: it never creates the history tables.
    /// </summary>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached.</exception>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        await using (var receipts = await receiptsContextFactory.CreateDbContextAsync(cancellationToken))
        {
            pending.AddRange((await PendingAsync(receipts, cancellationToken)).Select(m => "receipts/" + m));
        }

        await using var accounts = await accountsContextFactory.CreateDbContextAsync(cancellationToken);
        pending.AddRange((await PendingAsync(accounts, cancellationToken)).Select(m => "accounts/" + m));

        return pending;
    }

    // Without a history table every migration is pending; asking EF Core directly would log a failed read as an error.
    private static async Task<IEnumerable<string>> PendingAsync(DbContext context, CancellationToken cancellationToken) =>
        await context.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
            ? await context.Database.GetPendingMigrationsAsync(cancellationToken)
            : context.Database.GetMigrations();

    private async Task MigrateAsync(DbContext context, string schema, CancellationToken cancellationToken)
    {
        // On an empty database, listing the applied migrations reads a history table that does not exist yet, and
        // EF Core logs that failed read as an error; creating the table first keeps a first start free of a false alarm.
        await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            Log.SchemaCurrent(logger, schema);

            return;
        }

        Log.Applying(logger, pending.Count, schema, string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken);
        Log.Applied(logger, pending.Count, schema);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, EventName = "SchemaCurrent", Level = LogLevel.Information,
            Message = "The {Schema} schema is up to date.")]
        public static partial void SchemaCurrent(ILogger logger, string schema);

        [LoggerMessage(EventId = 5101, EventName = "ApplyingMigrations", Level = LogLevel.Information,
            Message = "Applying {MigrationCount} migration(s) to the {Schema} schema: {Migrations}.")]
        public static partial void Applying(ILogger logger, int migrationCount, string schema, string migrations);

        [LoggerMessage(EventId = 5102, EventName = "MigrationsApplied", Level = LogLevel.Information,
            Message = "Applied {MigrationCount} migration(s) to the {Schema} schema.")]
        public static partial void Applied(ILogger logger, int migrationCount, string schema);
    }
}
