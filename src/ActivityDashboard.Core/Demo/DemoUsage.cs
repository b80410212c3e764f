using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Core.Demo;

/// <summary>What <see cref="DemoUsageGenerator.Generate"/> produced for one account and window.</summary>
/// <param name="Events">Calls whose start lies in the window, ordered by start.</param>
/// <param name="Receipts">Receipts whose <c>created_at</c> lies in the window, ordered by creation.</param>
/// <param name="Anomalies">The deliberate faults among them (see <see cref="DemoAnomaly.At"/> for how each is placed).</param>
public sealed record DemoUsage(
    IReadOnlyList<UsageEvent> Events,
    IReadOnlyList<ChargeReceipt> Receipts,
    IReadOnlyList<DemoAnomaly> Anomalies);
