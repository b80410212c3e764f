namespace ActivityDashboard.Core.Reconciliation;

/// <summary>One bucket of the reconciliation, on the same wall-clock grid as <c>/activity</c>.</summary>
/// <param name="Start">Inclusive start, with the zone's offset.</param>
/// <param name="End">Exclusive end, with the zone's offset.</param>
/// <param name="Partial">Whether the range cuts the bucket.</param>
/// <param name="Counts">Its numbers.</param>
public sealed record ReconciliationBucket(DateTimeOffset Start, DateTimeOffset End, bool Partial, ReconciliationCounts Counts);
