namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// Reads and writes charge receipts in PostgreSQL. The boundary where database failures become
/// <see cref="ReceiptsUnavailableException"/>.
/// </summary>
public interface IChargeReceiptStore
{
    /// <summary>
    /// Writes receipts idempotently: a receipt whose <c>(SourceSystem, SourceReference)</c> is already stored is
    /// skipped, and the batch is written in one transaction (all or nothing).
    /// </summary>
    /// <returns>How many receipts were newly stored.</returns>
    /// <exception cref="ReceiptsUnavailableException">The database could not be reached.</exception>
    Task<int> AddAsync(IReadOnlyCollection<ChargeReceipt> receipts, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the receipts of one account whose <c>created_at</c> lies in <c>[<paramref name="from"/>,
    /// <paramref name="to"/>)</c>, through the <c>(billing_account_id, created_at)</c> index.
    /// </summary>
    /// <exception cref="ReceiptsUnavailableException">The database could not be reached.</exception>
    Task<IReadOnlyList<ReceiptRecord>> GetByCreatedAtAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken);
}
