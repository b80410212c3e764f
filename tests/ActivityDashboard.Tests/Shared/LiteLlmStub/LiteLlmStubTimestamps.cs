using System.Globalization;

namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>Timestamp shapes a LiteLLM proxy may write (its columns hold UTC milliseconds).</summary>
public static class LiteLlmStubTimestamps
{
    /// <summary>Python's <c>isoformat()</c> of an aware datetime: <c>2026-09-18T10:41:17.086000+00:00</c> (the default).</summary>
    public static string SixDigitsWithOffset(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 engine string: <c>2026-09-18T10:41:17.086Z</c>.</summary>
    public static string ThreeDigitsZulu(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A naive UTC wall-clock value with no offset: <c>2026-09-18T10:41:17.086</c>.</summary>
    public static string NoOffset(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Space-separated, no fraction, no offset: <c>2026-09-18 10:41:17</c> (whole seconds only).</summary>
    public static string SpaceSeparated(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The same instant written in UTC−05:00: <c>2026-09-18T05:41:17.086-05:00</c>.</summary>
    public static string MinusFiveHours(DateTimeOffset value) =>
        value.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
