using Microsoft.JSInterop;
using NodaTime;

namespace ActivityDashboard.Model;

/// <summary>The viewer's time zone as the browser reports it, for pages that show times on the viewer's wall clock.</summary>
public static class BrowserTimeZone
{
    /// <summary>
    /// The browser's IANA zone, or null when it reports none, one our tz database does not know, or cannot be asked
    /// (the page is not in a live circuit yet): callers fall back to UTC rather than fail.
    /// </summary>
    public static async Task<string?> ReadAsync(IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(js);

        try
        {
            var zone = await js.InvokeAsync<string?>("activityDashboard.browserTimeZone");

            return zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null ? zone : null;
        }
        catch (JSException)
        {
            return null;
        }
    }
}
