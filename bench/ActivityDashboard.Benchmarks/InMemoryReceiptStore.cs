using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Benchmarks;

/// <summary>Hands back a prepared list at no cost, so the benchmark times the calculation only.</summary>
internal sealed class InMemoryReceiptStore(IReadOnlyList<ReceiptRecord> receipts) : IChargeReceiptStore
{
    public Task<int> AddAsync(IReadOnlyCollection<ChargeReceipt> receipts, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The benchmark only reads receipts.");

    public Task<IReadOnlyList<ReceiptRecord>> GetByCreatedAtAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken) => Task.FromResult(receipts);
}
