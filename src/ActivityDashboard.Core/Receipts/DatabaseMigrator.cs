using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Core.Receipts;

/// <summary>Brings the receipts database up to the latest migration.</summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<ActivityDbContext> contextFactory,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>
    /// Applies every pending migration and logs which. Safe to run from several instances at once (EF Core takes a
    /// database lock while migrating) and a no-op when the schema is current.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

        // On an empty database, listing the applied migrations reads a history table that does not exist yet, and
        // EF Core logs that failed read as an error; creating the table first keeps a first start free of a false alarm.
        await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            Log.SchemaCurrent(logger);

            return;
        }

        Log.Applying(logger, pending.Count, string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken);
        Log.Applied(logger, pending.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, EventName = "SchemaCurrent", Level = LogLevel.Information,
            Message = "The receipts database schema is up to date.")]
        public static partial void SchemaCurrent(ILogger logger);

        [LoggerMessage(EventId = 5101, EventName = "ApplyingMigrations", Level = LogLevel.Information,
            Message = "Applying {MigrationCount} migration(s) to the receipts database: {Migrations}.")]
        public static partial void Applying(ILogger logger, int migrationCount, string migrations);

        [LoggerMessage(EventId = 5102, EventName = "MigrationsApplied", Level = LogLevel.Information,
            Message = "Applied {MigrationCount} migration(s) to the receipts database.")]
        public static partial void Applied(ILogger logger, int migrationCount);
    }
}
