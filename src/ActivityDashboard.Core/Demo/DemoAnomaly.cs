namespace ActivityDashboard.Core.Demo;

/// <summary>
/// A deliberate fault the demo data carries, so reconciliation views and their tests have something known to find.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="AccountId">The billing account.</param>
/// <param name="CallId">The call concerned; null for an orphan receipt without a call id.</param>
/// <param name="SourceReference">The receipt concerned (its idempotency key); null for a call without a receipt.</param>
/// <param name="At">The call's start for <see cref="DemoAnomalyKind.MissingReceipt"/>, else the receipt's creation time.</param>
public sealed record DemoAnomaly(
    DemoAnomalyKind Kind,
    string AccountId,
    string? CallId,
    string? SourceReference,
    DateTimeOffset At);
