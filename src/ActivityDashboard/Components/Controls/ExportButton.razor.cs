using System.Text;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Endpoints;
using Microsoft.AspNetCore.Components;

namespace ActivityDashboard.Components.Controls;

/// <summary>
/// The "Export CSV" link of the activity page: the export of exactly the window on screen (the pinned from/to, not
/// the preset again, which would move with the clock), with the same step, zone, breakdown and account.
/// </summary>
public sealed partial class ExportButton
{
    public const string ExportPath = "/api/v1/activity/export";

    /// <summary>The pinned query the page shows.</summary>
    [Parameter, EditorRequired]
    public required ActivityQuery Query { get; set; }

    private string Href => For(Query);

    /// <summary>The export address of <paramref name="query"/>.</summary>
    public static string For(ActivityQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        var href = new StringBuilder(ExportPath)
            .Append("?from=").Append(Uri.EscapeDataString(ActivityCsv.Utc(query.From)))
            .Append("&to=").Append(Uri.EscapeDataString(ActivityCsv.Utc(query.To)));
        if (query.Preset is { } preset)
        {
            href.Append("&range=").Append(Uri.EscapeDataString(preset.Code));
        }

        href.Append("&step=").Append(Uri.EscapeDataString(query.Step.Code))
            .Append("&tz=").Append(Uri.EscapeDataString(query.TimeZoneId));
        if (query.GroupBy != ActivityGroupBy.None)
        {
            href.Append("&groupBy=").Append(query.GroupBy == ActivityGroupBy.Model ? "model" : "provider");
        }

        return href.Append("&account=").Append(Uri.EscapeDataString(query.AccountId)).ToString();
    }

}
