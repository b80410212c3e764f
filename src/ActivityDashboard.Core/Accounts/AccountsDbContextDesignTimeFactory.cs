using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ActivityDashboard.Core.Accounts;

/// <summary>Lets <c>dotnet ef</c> build the accounts context without the web host; only the provider matters.</summary>
internal sealed class AccountsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Receipts")
            ?? "Host=127.0.0.1;Database=activity;Username=postgres";
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        AccountsDbContext.UseAccountsDatabase(options, connectionString);

        return new AccountsDbContext(options.Options);
    }
}
