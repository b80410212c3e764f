using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Reconciliation;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using ActivityDashboard.Endpoints;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActivityDashboard.Model;

/// <summary>
/// The state of the <c>/admin/reconciliation</c> page: the operator check, the pinned query, the last report, and
/// the page's state. The same checks and parsing as <c>GET /api/v1/admin/reconciliation</c>.
/// </summary>
public sealed class ReconciliationViewModel(
    ReconciliationService reconciliationService,
    OperatorAccountChoices accountChoices,
    TimeProvider timeProvider,
    AuthenticationStateProvider authenticationStateProvider)
{
    public ReconciliationViewState State { get; private set; } = ReconciliationViewState.Loading;

    /// <summary>The last report; null unless <see cref="State"/> is Loaded or Empty.</summary>
    public ReconciliationReport? Report { get; private set; }

    /// <summary>The machine-readable reason of the error or invalid input.</summary>
    public string? ErrorReason { get; private set; }

    /// <summary>A message for people, naming what went wrong.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The account reconciled; null for every account.</summary>
    public string? AccountId { get; private set; }

    /// <summary>The accounts the picker offers (with the one shown); empty until an operator's load.</summary>
    public IReadOnlyList<string> Accounts { get; private set; } = [];

    /// <summary>True when one account is reconciled and no user and no receipt names it (see <see cref="OperatorAccountChoices"/>).</summary>
    public bool IsUnrecordedAccount { get; private set; }

    /// <summary>
    /// Checks that the user is an operator, resolves <paramref name="input"/> against the clock now (pinning presets)
    /// and reconciles <paramref name="account"/> (null or empty: every account).
    /// </summary>
    public async Task LoadAsync(ActivityQueryInput input, string? account, CancellationToken cancellationToken)
    {
        var authentication = await authenticationStateProvider.GetAuthenticationStateAsync();
        var user = authentication.User;
        if (!ReconciliationRequest.TryParse(user, account, input, timeProvider.GetUtcNow(), out var query, out var accountId, out var refusal, out var error))
        {
            AccountId = null;
            IsUnrecordedAccount = false;
            if (refusal == ReconciliationRequest.Refusal.NotOperator)
            {
                SetFailure(ReconciliationViewState.NotAllowed, ProblemDocuments.ForbiddenReason, "Reconciliation is for operators only.");

                return;
            }

            await LoadAccountsAsync(null, cancellationToken);
            SetFailure(ReconciliationViewState.InvalidInput, error!.Reason, error.Message);

            return;
        }

        AccountId = accountId;
        await LoadAccountsAsync(accountId, cancellationToken);
        Report = null;
        ErrorReason = null;
        ErrorMessage = null;
        State = ReconciliationViewState.Loading;
        try
        {
            var report = await reconciliationService.ReconcileAsync(query, accountId, cancellationToken);

            // An answer that arrives after its load was superseded or the page was left is dropped.
            cancellationToken.ThrowIfCancellationRequested();
            Report = report;
            State = report.Totals.Requests == 0 && report.Findings.Count == 0
                ? ReconciliationViewState.Empty
                : ReconciliationViewState.Loaded;
        }
        catch (UsageSourceException ex)
        {
            SetFailure(ReconciliationViewState.Error, ex.Reason, ex.Message);
        }
        catch (ReceiptsUnavailableException ex)
        {
            SetFailure(ReconciliationViewState.Error, ex.Reason, ex.Message);
        }
    }

    private async Task LoadAccountsAsync(string? shown, CancellationToken cancellationToken)
    {
        await accountChoices.LoadAsync(shown, cancellationToken);
        Accounts = accountChoices.Accounts;
        IsUnrecordedAccount = accountChoices.IsShownUnrecorded;
    }

    private void SetFailure(ReconciliationViewState state, string reason, string message)
    {
        Report = null;
        State = state;
        ErrorReason = reason;
        ErrorMessage = message;
    }
}
