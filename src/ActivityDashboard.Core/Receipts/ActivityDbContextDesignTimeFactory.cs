using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// Lets <c>dotnet ef</c> build the context without starting the web host. Only the provider matters when adding a
/// migration; the connection string is used when a developer runs <c>dotnet ef database update</c> by hand.
/// </summary>
internal sealed class ActivityDbContextDesignTimeFactory : IDesignTimeDbContextFactory<ActivityDbContext>
{
    public ActivityDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Receipts")
            ?? "Host=127.0.0.1;Database=activity;Username=postgres";
        var options = new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql(connectionString).Options;

        return new ActivityDbContext(options);
    }
}
