using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NodaTime;

namespace ActivityDashboard.Components.Pages;

public sealed partial class Activity : IDisposable
{
    private const string TableView = "table";
    private const string ChartView = "chart";

    private CancellationTokenSource? _loadCancellation;
    private string? _browserTimeZone;
    private bool _browserTimeZoneRead;
    private (ActivityQueryInput Input, string? Account)? _loadedInput;
    private LiveRefresh? _live;
    private DateTimeOffset? _updatedAt;
    private bool _disposed;

    [Inject]
    public required ActivityViewModel ViewModel { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required TimeProvider TimeProvider { get; init; }

    [SupplyParameterFromQuery(Name = "range")]
    public string? Range { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "step")]
    public string? Step { get; set; }

    [SupplyParameterFromQuery(Name = "tz")]
    public string? TimeZone { get; set; }

    [SupplyParameterFromQuery(Name = "metric")]
    public string? Metric { get; set; }

    /// <summary><c>view=table</c> shows the chart's table view; anything else the chart.</summary>
    [SupplyParameterFromQuery(Name = "view")]
    public string? View { get; set; }

    [SupplyParameterFromQuery(Name = "groupBy")]
    public string? GroupBy { get; set; }

    /// <summary>The account to show; only operators may name another than their own (as on the API).</summary>
    [SupplyParameterFromQuery(Name = "account")]
    public string? Account { get; set; }

    // The viewer's culture as the circuit began (request localization set it from Accept-Language). Captured once:
    // a render started by a timer or a background event runs with that thread's culture, not the viewer's.
    private CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    private string EffectiveTimeZone => RequestedTimeZone ?? _browserTimeZone ?? "UTC";

    /// <summary>The address's zone; an empty <c>tz=</c> names none, so the browser's is read as when it is absent.</summary>
    private string? RequestedTimeZone => string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone;

    private ActivityMetric SelectedMetric => ParseMetric(Metric) ?? ActivityMetric.Spend;

    private bool ShowsTable => string.Equals(View, TableView, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A <c>metric=</c> that names none of the metrics: the chart falls back to spend (the metric picks what is drawn,
    /// not what is read), and the page says which value it could not use.
    /// </summary>
    private string? MetricError => Metric is not null && ParseMetric(Metric) is null
        ? $"The metric '{Metric}' in this address is not one of spend, tokens or requests; the chart shows spend."
        : null;

    /// <summary>
    /// An unknown <c>view=</c> is named like an unknown metric: it only picks how the numbers are drawn, so the page
    /// shows the chart and says why, rather than ignoring the value.
    /// </summary>
    private string? ViewError => !string.IsNullOrEmpty(View) && !ShowsTable && !string.Equals(View, ChartView, StringComparison.OrdinalIgnoreCase)
        ? $"The view '{View}' in this address is not chart or table; the chart is shown."
        : null;

    private string RangeDescription => ViewModel.Query is { } query
        ? ActivityFormat.Range(query.From, query.To, query.TimeZoneId, Culture)
        : "";

    /// <summary>Said when the chosen range reached past now and was cut there (the hours not yet lived are not zeros).</summary>
    private string? CutAtNowDescription => ViewModel.Query is { CutAtNow: true } query
        ? $"The chosen range ends later than now, so it is shown up to now ({ActivityFormat.Time(query.To, query.TimeZoneId, Culture)}); "
            + "the last bucket is partial."
        : null;

    /// <summary>The last-hour preset is the live view: it re-pins to now and reloads every 30 seconds.</summary>
    private bool IsLiveView => string.Equals(Range, RangePreset.LastHour.Code, StringComparison.Ordinal);

    protected override void OnInitialized() => _live = new LiveRefresh(TimeProvider, OnLiveTickAsync);

    protected override async Task OnParametersSetAsync()
    {
        RepeatedAddressParameters.Apply(this, Navigation.Uri);

        // Leaving the last hour stops the timer before anything else loads; the new load cancels a refresh in flight.
        if (!IsLiveView)
        {
            _live?.Stop();
        }

        // Without a zone in the address, wait for the browser's (read after the first render) so the first load is
        // already on the viewer's wall clock.
        if (RequestedTimeZone is null && !_browserTimeZoneRead)
        {
            return;
        }

        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || RequestedTimeZone is not null)
        {
            _browserTimeZoneRead = true;

            return;
        }

        _browserTimeZone = await BrowserTimeZone.ReadAsync(JS);
        _browserTimeZoneRead = true;

        // Put the zone in the address so a copied link shows the same buckets to a viewer elsewhere. The address
        // change comes back as new parameters with the same input, which does not load again.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tz", EffectiveTimeZone), replace: true);
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync(bool evenIfUnchanged = false, bool refresh = false)
    {
        var input = new ActivityQueryInput(Range, From, To, Step, EffectiveTimeZone, GroupBy);
        if (!evenIfUnchanged && (input, Account) == _loadedInput)
        {
            // Only the metric changed, or the address caught up with what is shown: the numbers are the same.
            return;
        }

        _loadedInput = (input, Account);
        var cancellationToken = RestartLoad();
        try
        {
            if (refresh)
            {
                await ViewModel.RefreshAsync(input, Account, cancellationToken);
            }
            else
            {
                await ViewModel.LoadAsync(input, Account, cancellationToken);
            }

            NoteLiveLoad();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one, or the page was left: its answer is dropped, never rendered.
        }
    }

    // After a load of the live view: note the time of a good answer and keep the timer going (Start keeps a running
    // timer, so a refresh does not push the next one back).
    private void NoteLiveLoad()
    {
        if (!IsLiveView || _disposed)
        {
            return;
        }

        // An address we cannot use stays as it is: refreshing it would only say so again.
        if (ViewModel.State == ActivityViewState.InvalidInput)
        {
            _live?.Stop();

            return;
        }

        if (ViewModel.State is ActivityViewState.Loaded or ActivityViewState.Empty)
        {
            _updatedAt = TimeProvider.GetUtcNow();
        }

        _live?.Start();
    }

    // Called on the timer's thread: hop onto the renderer, and report a failure to the circuit rather than lose it.
    private async Task OnLiveTickAsync()
    {
        try
        {
            await InvokeAsync(RefreshLiveAsync);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task RefreshLiveAsync()
    {
        if (_disposed || !IsLiveView)
        {
            return;
        }

        await LoadAsync(evenIfUnchanged: true, refresh: true);
        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    private Task PauseLive()
    {
        _live?.Pause();

        return Task.CompletedTask;
    }

    private Task ResumeLiveAsync() => _live?.ResumeAsync() ?? Task.CompletedTask;

    private string UpdatedDescription => _updatedAt is { } updatedAt
        ? "Updated " + ClockTime(updatedAt, EffectiveTimeZone) + " (" + EffectiveTimeZone + ")"
        : "Not updated yet";

    // The time of day with seconds on the viewer's wall clock, in the viewer's culture (9:10:05 AM, 09:10:05).
    private string ClockTime(DateTimeOffset instant, string timeZoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(DateTimeZoneProviders.Tzdb[timeZoneId])
            .ToDateTimeOffset().DateTime.ToString("T", Culture);

    private async Task LoadPageAsync(int offset)
    {
        var cancellationToken = RestartLoad();
        try
        {
            await ViewModel.LoadPageAsync(offset, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Replaced by a newer load, or the page was left.
        }
    }

    private Task RetryAsync() => LoadAsync(evenIfUnchanged: true);

    private Task ResetAsync()
    {
        Navigation.NavigateTo("/activity?range=24h");

        return Task.CompletedTask;
    }

    private Task NavigateAsync(ActivityFilterValues values)
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["range"] = values.Range,
            ["from"] = values.From,
            ["to"] = values.To,
            ["step"] = values.Step,
            ["tz"] = values.TimeZone,
            ["metric"] = values.Metric == ActivityMetric.Spend ? null : values.Metric.ToString().ToLowerInvariant(),
            ["groupBy"] = values.GroupBy,
        });
        Navigation.NavigateTo(uri);

        return Task.CompletedTask;
    }

    // Like the metric, the view only changes what is drawn: the address changes, the numbers are not read again.
    private Task OnShowTableChangedAsync(bool showTable)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("view", showTable ? TableView : null));

        return Task.CompletedTask;
    }

    private Task OnAccountChangedAsync(string account)
    {
        // The account goes into the address, so an operator can send the view to another operator; it is checked
        // again on load like any other value in the address.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("account", account));

        return Task.CompletedTask;
    }

    /// <summary>Cancels the load in flight (its answer is dropped) and returns the token for the next one.</summary>
    private CancellationToken RestartLoad()
    {
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
        _loadCancellation = new CancellationTokenSource();

        return _loadCancellation.Token;
    }

    public void Dispose()
    {
        _disposed = true;
        _live?.Dispose();
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
    }

    // Names only, in any case: Enum.TryParse would also take "1" or "Spend,Tokens".
    private static ActivityMetric? ParseMetric(string? value) =>
        Enum.GetValues<ActivityMetric>().Cast<ActivityMetric?>().FirstOrDefault(
            m => string.Equals(m.ToString(), value, StringComparison.OrdinalIgnoreCase));
}
