namespace ActivityDashboard.Core.Reconciliation;

/// <summary>
/// One bin of the realised-markup distribution (billed ÷ provider cost of the calls that have a receipt).
/// </summary>
/// <param name="Label">How the bin is named (<c>&lt; 0.95</c>, <c>1.2</c>, <c>≥ 2.05</c>).</param>
/// <param name="From">Inclusive lower edge; null for the lowest bin.</param>
/// <param name="To">Exclusive upper edge; null for the highest bin.</param>
/// <param name="Count">Calls whose realised markup lies in the bin.</param>
public sealed record MarkupBin(string Label, decimal? From, decimal? To, int Count);
