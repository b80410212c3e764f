using ActivityDashboard.Core.Activity;
using Microsoft.AspNetCore.Mvc;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// The query parameters that name a window and the account it is asked for (spec section 6): <c>range</c> or
/// <c>from</c> + <c>to</c>, <c>step</c>, <c>tz</c> and <c>account</c>. The activity and reconciliation endpoints, JSON and
/// CSV, bind them with <c>[AsParameters]</c>, so their names are declared once and parsed one way.
/// </summary>
internal sealed record WindowParameters(
    [property: FromQuery(Name = "range")] string? Range,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "step")] string? Step,
    [property: FromQuery(Name = "tz")] string? Tz,
    [property: FromQuery(Name = "account")] string? Account)
{
    /// <summary>The window's parameters for <see cref="ActivityQueryParser"/>, with an endpoint's own extras.</summary>
    public ActivityQueryInput ToInput(string? groupBy = null, string? limit = null) =>
        new(Range, From, To, Step, Tz, groupBy, limit);

    /// <summary>
    /// A page exports its pinned window as <c>from</c>/<c>to</c> and names the preset it came from in <c>range</c>;
    /// the export's header keeps that name when the window has the preset's length.
    /// </summary>
    public ActivityQuery NamePinnedPreset(ActivityQuery query) =>
        query.Preset is null && RangePreset.TryParse(Range, out var preset) && query.To - query.From == preset.Length
            ? query with { Preset = preset }
            : query;
}
