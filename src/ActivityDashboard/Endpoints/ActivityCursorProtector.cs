using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// Makes the request table's cursor opaque and tamper-evident: the pinned window, the account and the position are
/// protected with ASP.NET Core data protection (keys shared through PostgreSQL), so a client can neither read nor
/// forge one, and a cursor of another account is refused.
/// </summary>
public sealed class ActivityCursorProtector(IDataProtectionProvider dataProtectionProvider)
{
    private readonly IDataProtector _protector = dataProtectionProvider.CreateProtector("ActivityDashboard.ActivityCursor.v1");

    public string Protect(ActivityCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);

        return _protector.Protect(JsonSerializer.Serialize(cursor));
    }

    /// <summary>Reads a cursor; false when it was altered, is not ours, or belongs to another account.</summary>
    public bool TryUnprotect(string token, string accountId, [NotNullWhen(true)] out ActivityCursor? cursor)
    {
        cursor = null;
        try
        {
            cursor = JsonSerializer.Deserialize<ActivityCursor>(_protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return false;
        }

        if (cursor is null
            || !string.Equals(cursor.AccountId, accountId, StringComparison.Ordinal)
            || cursor.From >= cursor.To
            || cursor.Offset < 0)
        {
            cursor = null;

            return false;
        }

        return true;
    }
}

/// <summary>A position in the request table of one pinned window.</summary>
public sealed record ActivityCursor(string AccountId, DateTimeOffset From, DateTimeOffset To, string? Preset, int Offset);
