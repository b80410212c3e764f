namespace ActivityDashboard.Core.Accounts;

/// <summary>A new API token: <see cref="Token"/> is the only time the secret exists outside its user's hands.</summary>
public sealed record ApiTokenCreated(string Token, ApiTokenSummary Summary);
