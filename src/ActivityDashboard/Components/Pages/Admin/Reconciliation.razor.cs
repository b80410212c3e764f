using System.Globalization;
using System.Text;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using ActivityDashboard.Endpoints;
using ActivityDashboard.Model;
using Microsoft.AspNetCore.Components;

namespace ActivityDashboard.Components.Pages.Admin;

/// <summary>
/// <c>/admin/reconciliation</c> (spec section 9): for operators, the unbilled calls, orphan receipts and amount
/// mismatches of one account or all, over time on <c>/activity</c>'s bucket grid, with the realised markup and a CSV
/// export. Every choice lives in the address; a bucket drills into its own window.
/// </summary>
public sealed partial class Reconciliation : IDisposable
{
    public const string Path = "/admin/reconciliation";

    private const string AllAccounts = "";
    private const string AllKinds = "all";

    private CancellationTokenSource? _loadCancellation;
    private (ActivityQueryInput Input, string? Account)? _loadedInput;

    [Inject]
    public required ReconciliationViewModel ViewModel { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

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

    /// <summary>The account to reconcile; absent or empty for every account.</summary>
    [SupplyParameterFromQuery(Name = "account")]
    public string? Account { get; set; }

    /// <summary>Which findings the table shows: <c>unbilled_call</c>, <c>orphan_receipt</c>, <c>amount_mismatch</c>, or all.</summary>
    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    // The viewer's culture as the circuit began (request localization set it from Accept-Language). Captured once:
    // a render started by a timer or a background event runs with that thread's culture, not the viewer's.
    private CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    private string EffectiveTimeZone => TimeZone ?? "UTC";

    private ReconciliationReport? Report => ViewModel.Report;

    private string RangeDescription => Report is { } report
        ? ActivityFormat.Range(report.From, report.To, report.TimeZoneId, Culture)
        : "";

    /// <summary>The findings of the kind in the address (all when it names none or one that does not exist).</summary>
    private IEnumerable<ReconciliationFinding> ShownFindings => Report is not { } report
        ? []
        : ReconciliationResponseMapper.TryParseKind(Kind, out var kind, out _) ? report.WithFindingsOf(kind).Findings : [];

    /// <summary>What is wrong with the <c>kind</c> in the address, if anything.</summary>
    private string? KindError =>
        ReconciliationResponseMapper.TryParseKind(Kind, out _, out var error) ? null : error.Message;

    /// <summary>The kind in the address when it is one, for links that keep the filter.</summary>
    private string? ValidKind => ReconciliationResponseMapper.TryParseKind(Kind, out var kind, out _) && kind is { } only
        ? ReconciliationResponseMapper.KindName(only)
        : null;

    private string ExportHref
    {
        get
        {
            var report = Report!;
            var href = new StringBuilder("/api/v1/admin/reconciliation/export")
                .Append("?from=").Append(Uri.EscapeDataString(ActivityCsv.Utc(report.From)))
                .Append("&to=").Append(Uri.EscapeDataString(ActivityCsv.Utc(report.To)));
            if (report.Preset is { } preset)
            {
                href.Append("&range=").Append(Uri.EscapeDataString(preset.Code));
            }

            href.Append("&step=").Append(Uri.EscapeDataString(report.Step.Code))
                .Append("&tz=").Append(Uri.EscapeDataString(report.TimeZoneId));
            if (report.AccountId is { } account)
            {
                href.Append("&account=").Append(Uri.EscapeDataString(account));
            }

            if (ValidKind is { } kind)
            {
                href.Append("&kind=").Append(kind);
            }

            return href.ToString();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        RepeatedAddressParameters.Apply(this, Navigation.Uri);

        var input = new ActivityQueryInput(Range, From, To, Step, EffectiveTimeZone);
        if ((input, Account) == _loadedInput)
        {
            // Only the kind filter changed, or the address caught up with what is shown: the numbers are the same.
            return;
        }

        await LoadAsync(input);
    }

    private async Task LoadAsync(ActivityQueryInput input)
    {
        _loadedInput = (input, Account);
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
        _loadCancellation = new CancellationTokenSource();
        var cancellationToken = _loadCancellation.Token;
        try
        {
            await ViewModel.LoadAsync(input, Account, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one, or the page was left: its answer is dropped, never rendered.
        }
    }

    private Task RetryAsync() => LoadAsync(new ActivityQueryInput(Range, From, To, Step, EffectiveTimeZone));

    private Task ResetAsync()
    {
        Navigation.NavigateTo(Path + "?range=24h");

        return Task.CompletedTask;
    }

    private Task NavigateAsync(ActivityFilterValues values)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["range"] = values.Range,
            ["from"] = values.From,
            ["to"] = values.To,
            ["step"] = values.Step,
            ["tz"] = values.TimeZone,
        }));

        return Task.CompletedTask;
    }

    private Task OnAccountChangedAsync(string account)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("account", account.Length == 0 ? null : account));

        return Task.CompletedTask;
    }

    private Task OnKindChangedAsync(string kind)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("kind", kind == AllKinds ? null : kind));

        return Task.CompletedTask;
    }

    /// <summary>This page for the bucket's part of the range (the step chosen anew), same zone, account and kind.</summary>
    private string DrillHref(ReconciliationBucket bucket) =>
        WindowHref(Path, bucket) + (ValidKind is { } kind ? "&kind=" + kind : "");

    /// <summary><c>/activity</c> for the bucket's part of the range: its request table lists the bucket's calls.</summary>
    private string CallsHref(ReconciliationBucket bucket) => WindowHref("/activity", bucket);

    private string WindowHref(string path, ReconciliationBucket bucket)
    {
        var report = Report!;
        var from = bucket.Start > report.From ? bucket.Start : report.From;
        var to = bucket.End < report.To ? bucket.End : report.To;
        var href = new StringBuilder(path)
            .Append("?from=").Append(Uri.EscapeDataString(ActivityCsv.Utc(from)))
            .Append("&to=").Append(Uri.EscapeDataString(ActivityCsv.Utc(to)))
            .Append("&tz=").Append(Uri.EscapeDataString(report.TimeZoneId));
        if (report.AccountId is { } account)
        {
            href.Append("&account=").Append(Uri.EscapeDataString(account));
        }

        return href.ToString();
    }

    private IEnumerable<(string Key, string Title, string Value, string Note)> Cards(ReconciliationCounts totals)
    {
        yield return ("requests", "Requests", ActivityFormat.Count(totals.Requests, Culture),
            "Spend " + MoneyFormatter.Format(totals.Spend, Culture) + " · provider cost " + MoneyFormatter.Format(totals.ProviderCost, Culture));
        yield return ("unbilled", "Unbilled calls", ActivityFormat.Count(totals.UnbilledCalls, Culture),
            "Provider cost " + MoneyFormatter.Format(totals.UnbilledProviderCost, Culture) + " not billed");
        yield return ("orphans", "Orphan receipts", ActivityFormat.Count(totals.OrphanReceipts, Culture),
            MoneyFormatter.Format(totals.OrphanSpend, Culture) + " billed without a call");
        yield return ("mismatches", "Amount mismatches", ActivityFormat.Count(totals.Mismatches, Culture),
            "Billed " + SignedMoney(totals.MismatchDifference) + " against provider cost × markup");
    }

    private static string KindLabel(ReconciliationFindingKind kind) => kind switch
    {
        ReconciliationFindingKind.UnbilledCall => "Unbilled call",
        ReconciliationFindingKind.OrphanReceipt => "Orphan receipt",
        _ => "Amount mismatch",
    };

    // Findings show exact amounts (MoneyFormatter.FormatExact): a sub-cent difference is what they are about.
    private string Difference(ReconciliationFinding finding) =>
        finding.Difference is { } difference ? SignedMoney(difference, exact: true) : MoneyFormatter.Missing;

    private string SignedMoney(decimal amount, bool exact = false) =>
        (amount < 0m ? "−" : amount > 0m ? "+" : "")
        + (exact ? MoneyFormatter.FormatExact(Math.Abs(amount), Culture) : MoneyFormatter.Format(Math.Abs(amount), Culture));

    private static double Share(int count, ReconciliationReport report)
    {
        var all = report.MarkupBins.Sum(b => b.Count);

        return all == 0 ? 0 : count * 100.0 / all;
    }


    public void Dispose()
    {
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
    }
}
