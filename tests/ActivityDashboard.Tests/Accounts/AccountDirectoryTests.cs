using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.EntityFrameworkCore;

namespace ActivityDashboard.Tests.Accounts;

public sealed class AccountDirectoryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAsync_UsersAndReceipts_ListsEachAccountOnceInOrder()
    {
        await using (var accounts = NewAccountsContext())
        {
            accounts.Users.AddRange(User("acct-b"), User("acct-b"), User("acct-a"));
            await accounts.SaveChangesAsync(Ct);
        }

        await using (var receipts = database.CreateContextFactory().CreateDbContext())
        {
            receipts.ChargeReceipts.AddRange(
                TestData.ChargeReceipt(accountId: "acct-c", callId: "c-1"),
                TestData.ChargeReceipt(accountId: "acct-c", callId: "c-2"),
                TestData.ChargeReceipt(accountId: "acct-b", callId: "b-1"),
                TestData.ChargeReceipt(accountId: "Acct-Upper", callId: "u-1"));
            await receipts.SaveChangesAsync(Ct);
        }

        var listed = await NewDirectory().ListAsync(Ct);

        listed.Should().Equal(["Acct-Upper", "acct-a", "acct-b", "acct-c"],
            "users' accounts and receipts' accounts, once each, in ordinal order (ids are case-sensitive)");
    }

    private AccountDirectory NewDirectory() =>
        new(new AccountsContextFactory(database.ConnectionString), database.CreateContextFactory());

    private AccountsDbContext NewAccountsContext() => new AccountsContextFactory(database.ConnectionString).CreateDbContext();

    private static DashboardUser User(string accountId)
    {
        var email = "user-" + Guid.NewGuid().ToString("N")[..10] + "@example.test";

        return new DashboardUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            BillingAccountId = accountId,
        };
    }

    private sealed class AccountsContextFactory(string connectionString) : IDbContextFactory<AccountsDbContext>
    {
        public AccountsDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<AccountsDbContext>();
            AccountsDbContext.UseAccountsDatabase(options, connectionString);

            return new AccountsDbContext(options.Options);
        }
    }
}
