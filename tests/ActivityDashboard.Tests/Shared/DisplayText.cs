namespace ActivityDashboard.Tests.Shared;

/// <summary>Helpers for comparing what a person reads.</summary>
public static class DisplayText
{
    /// <summary>
    /// The text with ICU's narrow and plain no-break spaces (en-US puts U+202F before "AM") as plain spaces, so an
    /// expected "9:10:00 AM" reads as written whichever ICU version formatted it.
    /// </summary>
    public static string PlainSpaces(this string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}
