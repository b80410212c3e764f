using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ActivityDashboard.Components.Layout;

public sealed partial class MainLayout
{
    // MudBlazor's default dark primary (#776be7) fails WCAG AA as text on the dark surface (2.8:1) and under white
    // text (4.2:1), which axe reports on the selected and unselected range toggles. A lighter primary with dark text on
    // it passes both (5.4:1 on #373740, 7.5:1 under #1e1e2d).
    // The status colours fill the gateway banner and the health page's state chips. Under MudBlazor's white text the
    // defaults fail AA in both palettes (light success #00c853 2.2:1, error #f44336 3.7:1, warning #ff9800 2.2:1; dark
    // ones 1.9 to 3.4:1): the light palette takes darker success and error (5.1:1 and 5.0:1 under white, the same as
    // text on white) and dark text on warning (9.7:1); the dark palette keeps its colours with #1e1e2d on them
    // (6.5:1, 8.5:1, 4.8:1).
    // The pages' messages (invalid input, no activity, an unrecorded account) are text alerts: their text takes each
    // status colour's "darken" shade over a faint tint of it. MudBlazor's shades fail AA there (light warning #d68100
    // 2.9:1, info #0c80df 3.8:1; dark warning #d68f00 4.2:1), so both palettes name their own: deep shades on the light
    // surface (warning 5.5:1, info 5.3:1, error 6.0:1, success 7.3:1) and pale ones on the dark (5:1 or more).
    // A field's hint and its error text sit on the dark surface (#373740) in the secondary text colour and in the error
    // colour: MudBlazor's 50% white (4.25:1) and #f64e62 (3.46:1) fail AA there, so the dark palette takes 70% white
    // (6.7:1) and a paler red (#ff8a80, 5.2:1; the error chips keep #1e1e2d on it, 7.2:1).
    private static readonly MudTheme s_theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#2e7d32",
            SuccessDarken = "#1b5e20",
            Error = "#d32f2f",
            ErrorDarken = "#b71c1c",
            WarningContrastText = "#000000",
            WarningDarken = "#9a5500",
            InfoDarken = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ada5ff",
            PrimaryContrastText = "#1e1e2d",
            SuccessContrastText = "#1e1e2d",
            WarningContrastText = "#1e1e2d",
            ErrorContrastText = "#1e1e2d",
            Error = "#ff8a80",
            TextSecondary = "rgba(255,255,255,0.70)",
            SuccessDarken = "#a5d6a7",
            ErrorDarken = "#f8b4b4",
            WarningDarken = "#ffb74d",
            InfoDarken = "#90caf9",
        },
    };

    private MudThemeProvider? _themeProvider;
    private bool _isDarkMode;

    // Once the viewer picks a theme it holds, whatever the system does: kept in the browser, so reloads and later
    // visits keep it too.
    private bool _chosenByViewer;

    private const string DarkTheme = "dark";
    private const string LightTheme = "light";

    [Inject]
    public required IJSRuntime JS { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only with a circuit: the account pages render once on the server, where there is no browser to ask.
        if (!firstRender || !RendererInfo.IsInteractive || _themeProvider is null)
        {
            return;
        }

        try
        {
            var stored = await JS.InvokeAsync<string?>("activityDashboard.storedTheme");
            bool? chosenDark = stored switch { DarkTheme => true, LightTheme => false, _ => null };
            var dark = chosenDark ?? await _themeProvider.GetSystemDarkModeAsync();
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
            if (_chosenByViewer)
            {
                return;
            }

            _chosenByViewer = chosenDark is not null;
            if (dark != _isDarkMode)
            {
                _isDarkMode = dark;
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit closed while asking; there is nothing left to draw.
        }
    }

    private Task OnSystemDarkModeChangedAsync(bool systemDark)
    {
        if (_chosenByViewer || systemDark == _isDarkMode)
        {
            return Task.CompletedTask;
        }

        _isDarkMode = systemDark;

        return InvokeAsync(StateHasChanged);
    }

    private async Task ToggleTheme()
    {
        _chosenByViewer = true;
        _isDarkMode = !_isDarkMode;
        try
        {
            await JS.InvokeVoidAsync("activityDashboard.storeTheme", _isDarkMode ? DarkTheme : LightTheme);
        }
        catch (JSDisconnectedException)
        {
            // The circuit closed as the switch was clicked; the next visit follows the system.
        }
    }
}
