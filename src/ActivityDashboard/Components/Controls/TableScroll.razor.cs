using Microsoft.AspNetCore.Components;

namespace ActivityDashboard.Components.Controls;

/// <summary>
/// Holds a table that may be wider than the screen. The own container of a MudSimpleTable or a MudTable scrolls but
/// cannot take the focus, so its hidden columns were out of a keyboard user's reach (axe: scrollable-region-focusable;
/// on a phone for the activity tables, and at desktop widths for reconciliation's long findings).
/// </summary>
public sealed partial class TableScroll
{
    /// <summary>What the region holds, as a screen reader announces it ("Requests table").</summary>
    [Parameter, EditorRequired]
    public required string Label { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }
}
