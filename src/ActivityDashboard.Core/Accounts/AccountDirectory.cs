using ActivityDashboard.Core.Receipts;
using Microsoft.EntityFrameworkCore;

namespace ActivityDashboard.Core.Accounts;

/// <summary>
/// The billing accounts an operator can pick on the page: every account a user belongs to and every account a receipt
/// was written for (an account may have receipts before anyone signs in for it), once each, in ordinal order.
/// </summary>
public sealed class AccountDirectory(
    IDbContextFactory<AccountsDbContext> accountsContextFactory,
    IDbContextFactory<ActivityDbContext> receiptsContextFactory)
{
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        List<string> ofUsers;
        await using (var accounts = await accountsContextFactory.CreateDbContextAsync(cancellationToken))
        {
            ofUsers = await accounts.Users.AsNoTracking().Select(u => u.BillingAccountId).Distinct().ToListAsync(cancellationToken);
        }

        List<string> ofReceipts;
        await using (var receipts = await receiptsContextFactory.CreateDbContextAsync(cancellationToken))
        {
            ofReceipts = await receipts.ChargeReceipts.AsNoTracking()
                .Select(r => r.BillingAccountId)
                .Distinct()
                .ToListAsync(cancellationToken);
        }

        var all = ofUsers.Union(ofReceipts, StringComparer.Ordinal).ToList();
        all.Sort(StringComparer.Ordinal);

        return all;
    }
}
