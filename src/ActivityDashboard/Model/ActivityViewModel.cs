using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
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
    IOptions<UsageSourceOptions> usageSourceOptions)
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

    /// <summary>True when the usage source is the demo fake; the page says so.</summary>
    public bool IsDemo => usageSourceOptions.Value.Mode == UsageSourceMode.Demo;

    /// <summary>Resolves <paramref name="input"/> against the clock now (pinning presets) and loads the first page.</summary>
    public async Task LoadAsync(ActivityQueryInput input, CancellationToken cancellationToken)
    {
        // The page shows the signed-in user's own account (operators too, until the page has an account picker).
        var authentication = await authenticationStateProvider.GetAuthenticationStateAsync();
        if (!AccountResolver.TryResolve(authentication.User, requestedAccount: null, out var viewer, out _))
        {
            SetFailure(ActivityViewState.Error, "forbidden", "Your sign-in has no billing account. Sign in again.");

            return;
        }

        var now = timeProvider.GetUtcNow();
        if (!ActivityQueryParser.TryParse(input, viewer.AccountId, now, out var query, out var error))
        {
            SetFailure(ActivityViewState.InvalidInput, error.Reason, error.Message);

            return;
        }

        await RunAsync(query, cancellationToken);
    }

    /// <summary>Loads another page of the request table for the same pinned window.</summary>
    public async Task LoadPageAsync(int offset, CancellationToken cancellationToken)
    {
        if (Query is null)
        {
            return;
        }

        await RunAsync(Query with { Offset = Math.Max(0, offset) }, cancellationToken);
    }

    private async Task RunAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        Query = query;
        Report = null;
        ErrorReason = null;
        ErrorMessage = null;
        State = ActivityViewState.Loading;

        try
        {
            var report = await activityService.GetActivityAsync(query, cancellationToken);

            // An answer that arrives after its load was superseded or the page was left is dropped.
            cancellationToken.ThrowIfCancellationRequested();

            Report = report;
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
