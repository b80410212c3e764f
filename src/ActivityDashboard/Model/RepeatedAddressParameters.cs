using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ActivityDashboard.Model;

/// <summary>
/// Reads a page's address parameters the way the API binds them. Blazor's <c>SupplyParameterFromQuery</c> hands a
/// page only the first of repeated values, so <c>?range=24h&amp;range=7d</c> quietly showed the last 24 hours while the
/// API refused the same query. Joined with commas, as the API's binding joins them, a repeated parameter meets the same
/// parser and gets the same message ("Unknown range '24h,7d'…") on the page.
/// </summary>
public static class RepeatedAddressParameters
{
    // Each page type's string properties filled from the address, with the parameter names they are filled from.
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> s_queryProperties = new();

    /// <summary>
    /// Replaces, on <paramref name="page"/>, each string <c>[SupplyParameterFromQuery]</c> property whose parameter
    /// <paramref name="uri"/> repeats with all its values joined by commas. Call it first in
    /// <c>OnParametersSet</c>, after Blazor has supplied the first values.
    /// </summary>
    public static void Apply(ComponentBase page, string uri)
    {
        ArgumentNullException.ThrowIfNull(page);

        var query = Parse(uri);
        if (!query.Values.Any(values => values.Count > 1))
        {
            return;
        }

        foreach (var (name, property) in s_queryProperties.GetOrAdd(page.GetType(), QueryProperties))
        {
            property.SetValue(page, Read(query, name, (string?)property.GetValue(page)));
        }
    }

    /// <summary>
    /// <paramref name="supplied"/>, or every value of <paramref name="name"/> in <paramref name="uri"/> joined with
    /// commas when the address gives it more than once.
    /// </summary>
    public static string? Read(string uri, string name, string? supplied) => Read(Parse(uri), name, supplied);

    private static string? Read(Dictionary<string, StringValues> query, string name, string? supplied) =>
        query.TryGetValue(name, out var values) && values.Count > 1 ? values.ToString() : supplied;

    private static Dictionary<string, StringValues> Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);

        return QueryHelpers.ParseQuery(new Uri(uri).Query);
    }

    private static (string Name, PropertyInfo Property)[] QueryProperties(Type pageType) =>
        pageType.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.PropertyType == typeof(string) && p.CanWrite)
            .Select(p => (Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>(), Property: p))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, p.Property))
            .ToArray();
}
