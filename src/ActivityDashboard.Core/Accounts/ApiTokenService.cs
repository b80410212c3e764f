using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ActivityDashboard.Core.Accounts;

/// <summary>
/// Creates, lists, revokes and checks personal API tokens. A token is <c>adt_</c> followed by 32 random bytes in
/// base64url; the database keeps only its SHA-256 hash (unique), so a token is found by the hash of what is sent.
/// Singleton: each call uses its own short-lived context, so a Blazor circuit can hold it.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<AccountsDbContext> contextFactory, TimeProvider timeProvider)
{
    public const string TokenPrefix = "adt_";

    /// <summary>How long a token's last-used time may lag: at most one write per token per interval.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const int SecretBytes = 32;
    private const int DisplayPrefixLength = 12;

    // adt_ and 43 base64url characters (32 bytes without padding).
    private const int TokenLength = 4 + 43;

    /// <summary>Creates a token named <paramref name="name"/> for the user; the token is in the result and nowhere else.</summary>
    /// <exception cref="AccountAdministrationException">No such user, a disabled user, or a missing or too long name.</exception>
    public async Task<ApiTokenCreated> CreateAsync(string userId, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var trimmed = ValidateName(name) is { } problem ? throw new AccountAdministrationException(problem) : name!.Trim();

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new AccountAdministrationException("No such user.");
        if (user.IsDisabled)
        {
            throw new AccountAdministrationException($"The user {user.Email} is disabled and cannot have new tokens.");
        }

        var token = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var now = timeProvider.GetUtcNow();
        var entity = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = trimmed,
            Prefix = token[..DisplayPrefixLength],
            TokenHash = Hash(token),
            CreatedAt = now,
        };
        context.ApiTokens.Add(entity);
        await context.SaveChangesAsync(cancellationToken);

        return new ApiTokenCreated(token, ToSummary(entity));
    }

    /// <summary>The user's tokens, newest first, revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await context.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .ThenBy(t => t.Name)
            .ToListAsync(cancellationToken);

        return tokens.Select(ToSummary).ToList();
    }

    /// <summary>
    /// Revokes one of the user's tokens. False when the user has no token with that id (another user's token
    /// included: it is not found, not forbidden). Revoking a revoked token keeps its first revocation time.
    /// </summary>
    public async Task<bool> RevokeAsync(string userId, Guid tokenId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await context.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= timeProvider.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);

        return true;
    }

    /// <summary>
    /// The user a token acts as, or null when the token is malformed, unknown or revoked, or its user is disabled or
    /// locked out. Records the use, at most once per <see cref="LastUsedResolution"/>.
    /// </summary>
    public async Task<DashboardUser?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var hash = Hash(token);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await context.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.LastUsedAt, t.User })
            .SingleOrDefaultAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (found?.User is not { } user || user.IsDisabled || (user.LockoutEnabled && user.LockoutEnd > now))
        {
            return null;
        }

        if (found.LastUsedAt is null || now - found.LastUsedAt >= LastUsedResolution)
        {
            // Conditional, so concurrent requests in the same minute write once between them.
            var staleBefore = now - LastUsedResolution;
            await context.ApiTokens
                .Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt <= staleBefore))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return user;
    }

    /// <summary>Null when <paramref name="name"/> is a good token name, else the message saying why not.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A token name is required.";
        }

        if (name.Trim().Length > ApiToken.NameMaxLength)
        {
            return $"A token name has at most {ApiToken.NameMaxLength} characters.";
        }

        return null;
    }

    private static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token)
    {
        if (token is null || token.Length != TokenLength || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in token.AsSpan(TokenPrefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static ApiTokenSummary ToSummary(ApiToken token) =>
        new(token.Id, token.Name, token.Prefix, token.CreatedAt, token.LastUsedAt, token.RevokedAt);
}
