using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using ActivityDashboard.Telemetry;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Model;

/// <summary>
/// The state of the <c>/activity</c> page: the pinned query, the last report, and which of the distinct states
/// (loading, loaded, empty, error, invalid input) the page is in. The page renders; this class decides.
/// </summary>
public sealed class ActivityViewModel(
    ActivityService activityService,
    TimeProvider timeProvider,
    AuthenticationStateProvider authenticationStateProvider,
    OperatorAccountChoices accountChoices,
    IOptions<UsageSourceOptions> usageSourceOptions,
    ActivityRequestMetrics requestMetrics)
{
    public ActivityViewState State { get; private set; } = ActivityViewState.Loading;

    /// <summary>The last report; null unless <see cref="State"/> is Loaded or Empty.</summary>
    public ActivityReport? Report { get; private set; }

    /// <summary>The query the report answers, pinned at the first load: paging keeps its window.</summary>
    public ActivityQuery? Query { get; private set; }

    /// <summary>The machine-readable reason of the error or invalid input.</summary>
    public string? ErrorReason { get; private set; }

    /// <summary>A message for people, naming what went wrong.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The account whose numbers are shown; null until resolved, and after a refused account.</summary>
    public string? AccountId { get; private set; }

    /// <summary>
    /// True for operators only. For everyone else <see cref="Report"/> holds no provider cost at all (every amount is
    /// zero), so no component can render or send it.
    /// </summary>
    public bool ShowsProviderCost { get; private set; }

    /// <summary>The accounts an operator can pick, with the one shown; null for everyone else (no picker).</summary>
    public IReadOnlyList<string>? Accounts { get; private set; }

    /// <summary>True when an operator is shown an account no user and no receipt names (see <see cref="OperatorAccountChoices"/>).</summary>
    public bool IsUnrecordedAccount { get; private set; }

    /// <summary>True when the usage source is the demo fake; the page says so.</summary>
    public bool IsDemo => usageSourceOptions.Value.Mode == UsageSourceMode.Demo;

    /// <summary>
    /// Resolves the account (<paramref name="requestedAccount"/> is the address's <c>account=</c>, through
    /// <see cref="AccountResolver"/> as on the API) and <paramref name="input"/> against the clock now (pinning
    /// presets), and loads the first page. A refused account shows as invalid input and reads nothing.
    /// </summary>
    public Task LoadAsync(ActivityQueryInput input, string? requestedAccount, CancellationToken cancellationToken) =>
        MeasureAsync(() => LoadCoreAsync(input, requestedAccount, keepShown: false, cancellationToken), cancellationToken);

    /// <summary>
    /// Loads again as <see cref="LoadAsync"/> does (a preset is pinned anew to the clock now, the table back on its
    /// first page), but keeps the numbers shown until the answer replaces them: the live view does not blank every
    /// 30 seconds. A failure still clears them and shows the error.
    /// </summary>
    public Task RefreshAsync(ActivityQueryInput input, string? requestedAccount, CancellationToken cancellationToken)
    {
        var keepShown = State is ActivityViewState.Loaded or ActivityViewState.Empty;

        return MeasureAsync(() => LoadCoreAsync(input, requestedAccount, keepShown, cancellationToken), cancellationToken);
    }

    private async Task LoadCoreAsync(ActivityQueryInput input, string? requestedAccount, bool keepShown, CancellationToken cancellationToken)
    {
        var authentication = await authenticationStateProvider.GetAuthenticationStateAsync();
        if (!AccountResolver.TryResolve(authentication.User, requestedAccount, out var viewer, out var refusal))
        {
            AccountId = null;
            IsUnrecordedAccount = false;
            ShowsProviderCost = false;
            if (requestedAccount is null)
            {
                SetFailure(ActivityViewState.Error, "forbidden", "Your sign-in has no billing account. Sign in again.");
            }
            else if (refusal == AccountResolutionFailure.InvalidAccount)
            {
                SetFailure(ActivityViewState.InvalidInput, "invalid_account", "The account in this address is not a valid account id.");
            }
            else
            {
                SetFailure(ActivityViewState.InvalidInput, "forbidden", "This address names an account you may not see.");
            }

            return;
        }

        AccountId = viewer.AccountId;
        ShowsProviderCost = viewer.IsOperator;
        if (viewer.IsOperator)
        {
            await accountChoices.LoadAsync(viewer.AccountId, cancellationToken);
            Accounts = accountChoices.Accounts;
            IsUnrecordedAccount = accountChoices.IsShownUnrecorded;
        }

        var now = timeProvider.GetUtcNow();
        if (!ActivityQueryParser.TryParse(input, viewer.AccountId, now, out var query, out var error))
        {
            SetFailure(ActivityViewState.InvalidInput, error.Reason, error.Message);

            return;
        }

        await RunAsync(query, cancellationToken, keepShown);
    }

    /// <summary>
    /// Loads another page of the request table for the same pinned window. What is shown stays while it loads: the
    /// cards and chart cannot change, and replacing the page with "Loading" threw the reader back to the top and took
    /// the keyboard focus off the paging buttons.
    /// </summary>
    public async Task LoadPageAsync(int offset, CancellationToken cancellationToken)
    {
        if (Query is null)
        {
            return;
        }

        var query = Query with { Offset = Math.Max(0, offset) };
        await MeasureAsync(() => RunAsync(query, cancellationToken, keepShown: true), cancellationToken);
    }

    // Every load is one activity question on the "page" surface, measured like an API call: by the reason it failed
    // with (ErrorReason), or as a success, or as cancelled when the page left or started another load first.
    private async Task MeasureAsync(Func<Task> load, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            await load();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            requestMetrics.RecordCancelled(ActivityRequestMetrics.PageSurface, timeProvider.GetElapsedTime(started));

            throw;
        }
        catch
        {
            requestMetrics.RecordUnhandled(ActivityRequestMetrics.PageSurface, timeProvider.GetElapsedTime(started));

            throw;
        }

        var reason = State is ActivityViewState.Loaded or ActivityViewState.Empty ? null : ErrorReason;
        requestMetrics.Record(ActivityRequestMetrics.PageSurface, reason, timeProvider.GetElapsedTime(started));
    }

    private async Task RunAsync(ActivityQuery query, CancellationToken cancellationToken, bool keepShown = false)
    {
        Query = query;
        ErrorReason = null;
        ErrorMessage = null;
        if (!keepShown)
        {
            Report = null;
            State = ActivityViewState.Loading;
        }

        try
        {
            var report = await activityService.GetActivityAsync(query, cancellationToken);

            // An answer that arrives after its load was superseded or the page was left is dropped.
            cancellationToken.ThrowIfCancellationRequested();

            // Provider cost leaves the server only for operators: for everyone else it is dropped before the page holds it.
            Report = ShowsProviderCost ? report : report.WithoutProviderCost();
            State = report.Totals.Current.Requests == 0 && report.OrphanReceipts.Count == 0
                ? ActivityViewState.Empty
                : ActivityViewState.Loaded;
        }
        catch (UsageSourceException ex)
        {
            SetFailure(ActivityViewState.Error, ex.Reason, ex.Message);
        }
        catch (ReceiptsUnavailableException ex)
        {
            SetFailure(ActivityViewState.Error, ex.Reason, ex.Message);
        }
    }

    private void SetFailure(ActivityViewState state, string reason, string message)
    {
        Report = null;
        State = state;
        ErrorReason = reason;
        ErrorMessage = message;
    }
}
