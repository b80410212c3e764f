using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ActivityDashboard.Components.Controls;

/// <summary>
/// A single choice among a few options (range preset, metric, chart or table) as segmented buttons with the semantics
/// and keyboard behaviour of a radio group.
/// </summary>
/// <remarks>
/// MudBlazor's toggle group announces its items as check boxes, which tells a screen-reader user that several may be
/// on at once; this group says what it is. Only the chosen button is a tab stop (a roving tab index), so Tab moves
/// past the group in one step and the arrow keys move within it, as with native radio buttons.
/// </remarks>
public sealed partial class ChoiceGroup<TValue>
{
    private MudButton[] _buttons = [];

    /// <summary>The choices, in the order they are shown.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<ChoiceOption<TValue>> Options { get; set; }

    /// <summary>The chosen value; when it matches no option, none is shown as chosen.</summary>
    [Parameter]
    public TValue? Value { get; set; }

    [Parameter]
    public EventCallback<TValue> ValueChanged { get; set; }

    /// <summary>The group's accessible name, e.g. "Range".</summary>
    [Parameter, EditorRequired]
    public required string Label { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    private int ChosenIndex
    {
        get
        {
            for (var i = 0; i < Options.Count; i++)
            {
                if (EqualityComparer<TValue>.Default.Equals(Options[i].Value, Value))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    // With nothing chosen, the first button takes the tab stop so the group can still be reached.
    private int FocusableIndex => Math.Max(0, ChosenIndex);

    protected override void OnParametersSet()
    {
        if (_buttons.Length != Options.Count)
        {
            _buttons = new MudButton[Options.Count];
        }
    }

    private async Task ChooseAsync(int index)
    {
        if (index != ChosenIndex)
        {
            await ValueChanged.InvokeAsync(Options[index].Value);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (Options.Count == 0)
        {
            return;
        }

        var current = FocusableIndex;
        int? next = args.Key switch
        {
            "ArrowRight" or "ArrowDown" => (current + 1) % Options.Count,
            "ArrowLeft" or "ArrowUp" => (current - 1 + Options.Count) % Options.Count,
            "Home" => 0,
            "End" => Options.Count - 1,
            _ => null,
        };

        if (next is not { } index)
        {
            return;
        }

        // Focus moves with the choice, as it does between native radio buttons; the button exists already, so it can
        // take focus before the page reacts to the new value.
        await _buttons[index].FocusAsync();
        await ChooseAsync(index);
    }
}
