using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActivityDashboard.Core.Receipts;

/// <summary>Registers the receipts database.</summary>
public static class ReceiptsHostBuilderExtensions
{
    /// <summary>The data-protection application name; every instance of one deployment must share it.</summary>
    public const string DataProtectionApplicationName = "ActivityDashboard";

    /// <summary>
    /// Reads <c>ConnectionStrings:Receipts</c> once (failing fast with a message naming it), registers the
    /// <c>ActivityDbContext</c> factory and <see cref="IChargeReceiptStore"/>, keeps data-protection keys in the same
    /// database, and registers <see cref="DatabaseMigrator"/> (run at start-up when <c>Database:ApplyMigrations</c>
    /// is true).
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or blank.</exception>
    public static IHostApplicationBuilder AddChargeReceipts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var connectionString = builder.Configuration.GetConnectionString("Receipts");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Receipts is required: the PostgreSQL connection string of the charge-receipts database "
                + "(environment variable ConnectionStrings__Receipts), for example "
                + "'Host=db;Database=activity;Username=activity;Password=...'.");
        }

        // Database: a factory, because Blazor circuits outlive any sensible context lifetime (house style 35).
        builder.Services.AddDbContextFactory<ActivityDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddSingleton<IChargeReceiptStore, ChargeReceiptStore>();

        // Data-protection keys live in PostgreSQL so every instance behind the load balancer can read every cookie.
        builder.Services.AddDataProtection()
            .PersistKeysToDbContext<ActivityDbContext>()
            .SetApplicationName(DataProtectionApplicationName);

        // Schema
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService<DatabaseMigrationHostedService>();

        return builder;
    }
}
