using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// The product's own PostgreSQL database: charge receipts and the data-protection keys every instance shares.
/// </summary>
/// <remarks>
/// Migrations live in <c>src/ActivityDashboard.Core/Migrations</c>. After changing the model, add one from the
/// repository root with the local tool (<c>dotnet tool restore</c> first):
/// <code>
/// dotnet ef migrations add &lt;Name&gt; --project src/ActivityDashboard.Core --startup-project src/ActivityDashboard.Core --output-dir Migrations
/// </code>
/// The design-time factory (<see cref="ActivityDbContextDesignTimeFactory"/>) supplies the provider, so no database
/// is needed to add a migration. Apply them with <c>dotnet ActivityDashboard.dll migrate</c> or
/// <c>Database:ApplyMigrations=true</c>.
/// </remarks>
public sealed class ActivityDbContext(DbContextOptions<ActivityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ChargeReceipt> ChargeReceipts => Set<ChargeReceipt>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ActivityDbContext).Assembly);
    }
}
