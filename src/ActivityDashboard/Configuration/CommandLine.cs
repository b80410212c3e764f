using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Configuration;

/// <summary>The app's own commands, run instead of the web server: <c>dotnet ActivityDashboard.dll migrate</c>.</summary>
internal static class CommandLine
{
    public static bool IsMigrate(string[] args) => args.Length > 0 && string.Equals(args[0], "migrate", StringComparison.Ordinal);

    /// <summary>Applies pending receipts-database migrations and returns the process exit code.</summary>
    public static async Task<int> MigrateAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ActivityDashboard.Migrate");
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            logger.LogInformation("The receipts database is up to date.");

            return 0;
        }
        catch (Exception ex)
        {
            // The command's whole job is this one step: any failure ends it with a message and a non-zero exit code.
            logger.LogError(ex, "Could not migrate the receipts database: {Reason}", ex.GetBaseException().Message);

            return 1;
        }
    }
}
