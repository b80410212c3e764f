using Microsoft.AspNetCore.WebUtilities;

namespace ActivityDashboard.Model;

/// <summary>
/// Reads a page's address parameters the way the API binds them. Blazor's <c>SupplyParameterFromQuery</c> hands a
/// page only the first of repeated values, so <c>?range=24h&amp;range=7d</c> quietly showed the last 24 hours while the
/// API refused the same query. Joined with commas, as the API's binding joins them, a repeated parameter meets the same
/// parser and gets the same message ("Unknown range '24h,7d'…") on the page.
/// </summary>
public static class RepeatedAddressParameters
{
    /// <summary>
    /// <paramref name="supplied"/>, or every value of <paramref name="name"/> in <paramref name="uri"/> joined with
    /// commas when the address gives it more than once.
    /// </summary>
    public static string? Read(string uri, string name, string? supplied)
    {
        ArgumentNullException.ThrowIfNull(uri);

        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);

        return query.TryGetValue(name, out var values) && values.Count > 1 ? values.ToString() : supplied;
    }
}
