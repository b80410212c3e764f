using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// Runs <see cref="DatabaseMigrator"/> at start-up when <c>Database:ApplyMigrations</c> is true. It migrates in
/// <see cref="StartingAsync"/>, which the host runs before any hosted service's <c>StartAsync</c>, so services that
/// write at start-up (the demo seeder) always find the schema in place, whatever the registration order.
/// </summary>
internal sealed class DatabaseMigrationHostedService(
    DatabaseMigrator migrator,
    IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // REVIEW: applying migrations from the app is a convenience for the demo and development; production
        // deployments leave it off and run the 'migrate' command as a release step.
        if (options.Value.ApplyMigrations)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
