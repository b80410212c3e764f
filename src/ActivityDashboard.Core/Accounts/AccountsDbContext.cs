using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ActivityDashboard.Core.Accounts;

/// <summary>
/// Users, roles and their claims (ASP.NET Core Identity), in the same PostgreSQL database as the receipts but with
/// their own migrations and history table (<c>__accounts_migrations_history</c>). Identity's tables and columns are
/// renamed to snake_case (<c>asp_net_users.billing_account_id</c>), like the rest of the database.
/// </summary>
/// <remarks>
/// Migrations live in <c>src/ActivityDashboard.Core/Accounts/Migrations</c>. After changing the model, add one from
/// the repository root with the local tool (<c>dotnet tool restore</c> first):
/// <code>
/// dotnet ef migrations add &lt;Name&gt; --context AccountsDbContext --project src/ActivityDashboard.Core --startup-project src/ActivityDashboard.Core --output-dir Accounts/Migrations
/// </code>
/// </remarks>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<DashboardUser>(options)
{
    public const string MigrationsHistoryTable = "__accounts_migrations_history";

    /// <summary>Personal API tokens (hashes only), table <c>api_tokens</c>.</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Points <paramref name="options"/> at PostgreSQL with this context's own history table.</summary>
    public static DbContextOptionsBuilder UseAccountsDatabase(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);

        return options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<DashboardUser>(user =>
        {
            user.Property(u => u.BillingAccountId).HasMaxLength(BillingAccountId.MaxLength).IsRequired();
            user.HasIndex(u => u.BillingAccountId);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.HasKey(t => t.Id);
            token.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength).IsRequired();
            token.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
            token.Property(t => t.TokenHash).HasMaxLength(32).IsRequired();
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        // Identity names its tables AspNetUsers and its columns NormalizedEmail; the rest of this database is
        // snake_case, so unquoted SQL works the same on every table.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(ToSnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
