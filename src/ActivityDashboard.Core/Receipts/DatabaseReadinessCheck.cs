using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// Ready means PostgreSQL answers and both schemas (receipts and accounts) have every migration of this build
/// applied: an instance of a newer build waits for the <c>migrate</c> release step instead of failing its requests.
/// </summary>
public sealed class DatabaseReadinessCheck(DatabaseMigrator migrator) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        IReadOnlyList<string> pending;
        try
        {
            pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL cannot be reached.", ex);
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy("PostgreSQL answers and both schemas are current.")
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                $"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}. Run the 'migrate' command.");
    }
}
