namespace ActivityDashboard.Core.Accounts;

/// <summary>What a user sees of one of their API tokens: never the token itself.</summary>
public sealed record ApiTokenSummary(
    Guid Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
