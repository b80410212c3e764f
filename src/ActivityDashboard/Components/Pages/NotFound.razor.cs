using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Diagnostics;

namespace ActivityDashboard.Components.Pages;

/// <summary>"Page not found", naming the address asked for, with a way back to the activity page.</summary>
public sealed partial class NotFound : IDisposable
{
    /// <summary>The request when server-rendered; absent inside a circuit.</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>
    /// The address that was asked for, its path decoded as a browser shows it: on a re-executed request the original
    /// one (the request's own path is /not-found by then), inside a circuit the router's current location.
    /// </summary>
    private string Address
    {
        get
        {
            if (HttpContext?.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
            {
                return reExecuted.OriginalPathBase + reExecuted.OriginalPath + reExecuted.OriginalQueryString;
            }

            var location = new Uri(Navigation.Uri);

            return Uri.UnescapeDataString(location.AbsolutePath) + location.Query;
        }
    }

    protected override void OnInitialized()
    {
        // Inside a circuit the router keeps this page, with no new parameters, when it moves from one unknown route to
        // another: listen, so the address shown follows. A page served without a circuit is drawn once.
        if (RendererInfo.IsInteractive)
        {
            Navigation.LocationChanged += OnLocationChanged;
        }
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(StateHasChanged);
}
