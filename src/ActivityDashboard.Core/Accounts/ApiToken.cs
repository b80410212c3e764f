namespace ActivityDashboard.Core.Accounts;

/// <summary>
/// A personal API token of a <see cref="DashboardUser"/>. Only the SHA-256 hash of the token is kept; the token
/// itself is shown once, when it is created.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DashboardUser? User { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The token's first characters (<c>adt_</c> and 8 more), to tell tokens apart; not enough to use one.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the token's UTF-8 bytes.</summary>
    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
