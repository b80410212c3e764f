using System.Diagnostics.CodeAnalysis;

namespace ActivityDashboard.Core.Activity;

/// <summary>
/// Turns the user's raw choices into a pinned <see cref="ActivityQuery"/>, or says which input is wrong
/// (spec sections 3 and 6).
/// </summary>
public static class ActivityQueryParser
{
    /// <summary>
    /// Validates <paramref name="input"/> and resolves presets against <paramref name="now"/>.
    /// </summary>
    public static bool TryParse(
        ActivityQueryInput input,
        string accountId,
        DateTimeOffset now,
        [NotNullWhen(true)] out ActivityQuery? query,
        [NotNullWhen(false)] out ActivityQueryError? error)
    {
        throw new NotImplementedException();
    }
}
