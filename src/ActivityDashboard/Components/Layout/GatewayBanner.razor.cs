using ActivityDashboard.Core.Gateway;
using Microsoft.AspNetCore.Components;

namespace ActivityDashboard.Components.Layout;

/// <summary>Tells every signed-in user, live, while the gateway is not healthy.</summary>
public sealed partial class GatewayBanner : IDisposable
{
    private GatewayHealthSnapshot _snapshot = null!;

    [Inject]
    public required GatewayHealthMonitor Monitor { get; init; }

    protected override void OnInitialized()
    {
        _snapshot = Monitor.Current;

        // A page served without a circuit is drawn once and cannot change: only a live page listens.
        if (RendererInfo.IsInteractive)
        {
            Monitor.Changed += OnChanged;
        }
    }

    public void Dispose() => Monitor.Changed -= OnChanged;

    // Every probe raises the event; only a change of what the banner says is worth a render.
    private void OnChanged(GatewayHealthSnapshot snapshot)
    {
        if (snapshot.ShowsBanner == _snapshot.ShowsBanner && snapshot.State == _snapshot.State)
        {
            return;
        }

        _ = InvokeAsync(() =>
        {
            _snapshot = snapshot;
            StateHasChanged();
        });
    }
}
