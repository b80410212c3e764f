using System.Globalization;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Components.Controls;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ActivityDashboard.Components.Pages.Admin;

public sealed partial class GatewayHealth : IDisposable
{
    private const int RecentProbeRows = 20;

    private bool? _isOperator;
    private string _userName = "an operator";
    private string? _testAlertSent;
    private IReadOnlyList<string> _labels = [];
    private IReadOnlyList<NamedSeries> _latency = [];
    private IReadOnlyList<NamedSeries> _errorRate = [];
    private IReadOnlyList<ProbeResult> _recentProbes = [];
    private IReadOnlyList<WebhookStatus> _webhooks = [];
    private IReadOnlyList<AlertLogEntry> _recentAlerts = [];

    [Inject]
    public required GatewayHealthMonitor Monitor { get; init; }

    [Inject]
    public required AlertDispatcher Alerts { get; init; }

    [Inject]
    public required TimeProvider TimeProvider { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            _isOperator = false;

            return;
        }

        var user = (await AuthenticationState).User;
        _isOperator = user.IsInRole(DashboardRoles.Operator);
        _userName = user.Identity?.Name ?? _userName;
        if (_isOperator == true)
        {
            Monitor.Changed += OnMonitorChanged;
            Alerts.Log.Changed += OnAlertsChanged;
        }
    }

    protected override void OnParametersSet() => Refresh();

    public void Dispose()
    {
        Monitor.Changed -= OnMonitorChanged;
        Alerts.Log.Changed -= OnAlertsChanged;
    }

    // The viewer's culture as the circuit began (request localization set it from Accept-Language). Captured once:
    // a render started by a timer or a background event runs with that thread's culture, not the viewer's.
    private CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    private void OnMonitorChanged(GatewayHealthSnapshot snapshot) => _ = InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private void OnAlertsChanged() => OnMonitorChanged(Monitor.Current);

    private void Refresh()
    {
        var probes = Monitor.RecentProbes();
        var buckets = ProbeStatistics.LastHour(probes, TimeProvider.GetUtcNow());
        _labels = [.. buckets.Select(b => b.Start.UtcDateTime.ToString("t", Culture))];
        _latency =
        [
            new NamedSeries("p50", [.. buckets.Select(b => b.P50?.TotalMilliseconds)]),
            new NamedSeries("p95", [.. buckets.Select(b => b.P95?.TotalMilliseconds)]),
            new NamedSeries("p99", [.. buckets.Select(b => b.P99?.TotalMilliseconds)]),
        ];
        _errorRate = [new NamedSeries("Failed", [.. buckets.Select(b => b.ErrorRate)])];
        _recentProbes = [.. probes.Reverse().Take(RecentProbeRows)];
        _webhooks = Alerts.Log.Webhooks();
        _recentAlerts = Alerts.Log.Recent();
    }

    private void SendTestAlert()
    {
        var alert = Alerts.SendTest(Monitor.Current, _userName);
        _testAlertSent = alert.Id;
        Refresh();
    }

    private static Color StateColor(GatewayState state) => state switch
    {
        GatewayState.Healthy => Color.Success,
        GatewayState.Degraded => Color.Warning,
        _ => Color.Error,
    };

    private static string Describe(TimeSpan duration) => GatewayStateMachine.Describe(duration);

    // Where nothing is probed there is nothing to wait for: "yet" would promise measurements that never come.
    private string NoDataText => Monitor.Current.IsMonitored
        ? "Nothing measured in this period yet."
        : "Nothing is measured: the gateway is not monitored here.";

    private static string AlertLabel(GatewayAlert alert) => alert switch
    {
        { Kind: AlertKind.Test, IsMonitored: false } => "Test (not monitored)",
        { Kind: AlertKind.Test } => $"Test ({alert.State})",
        _ => $"{alert.PreviousState} → {alert.State}",
    };

    // In the viewer's culture, like /activity; times stay in UTC (see docs/decisions.md).
    private string FormatTime(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("G", Culture) + " UTC" : "–";

    private string FormatMilliseconds(double? milliseconds) =>
        milliseconds is { } value ? value.ToString("N0", Culture) + " ms" : "–";

    private string FormatPercent(double? share) =>
        share is { } value ? (value * 100).ToString("0.#", Culture) + " %" : "–";

    private string DescribeDelivery(WebhookDelivery delivery) => delivery.Status switch
    {
        DeliveryStatus.Pending => "sending…",
        DeliveryStatus.Delivered => "delivered " + FormatTime(delivery.CompletedAt),
        _ => $"failed {FormatTime(delivery.CompletedAt)} ({delivery.Error})",
    };
}
