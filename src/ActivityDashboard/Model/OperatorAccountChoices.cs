using System.Data.Common;
using ActivityDashboard.Core.Accounts;

namespace ActivityDashboard.Model;

/// <summary>
/// The accounts an operator's account picker offers on one page: those <see cref="AccountDirectory"/> knows (a user or
/// a charge receipt names them), read once per page, plus the account shown when the address names another one.
/// </summary>
/// <remarks>
/// An account outside the directory is still shown, never refused: LiteLLM may hold calls of an account that has no
/// receipt yet, and hiding them would hide exactly what reconciliation exists to find. The page says instead that
/// nothing here records the account (<see cref="IsShownUnrecorded"/>), so a typo does not pass for "no activity".
/// </remarks>
public sealed class OperatorAccountChoices(AccountDirectory accountDirectory)
{
    private IReadOnlyList<string>? _recorded;

    /// <summary>The accounts to offer, in ordinal order; empty before <see cref="LoadAsync"/>.</summary>
    public IReadOnlyList<string> Accounts { get; private set; } = [];

    /// <summary>
    /// True when the account shown is named by no user and no receipt. False when it is, when every account is shown,
    /// and when the directory could not be read (the page's own load reports that outage).
    /// </summary>
    public bool IsShownUnrecorded { get; private set; }

    /// <summary>Reads the directory (the first time only) and offers it with <paramref name="shown"/> (null: every account).</summary>
    public async Task LoadAsync(string? shown, CancellationToken cancellationToken)
    {
        try
        {
            _recorded ??= await accountDirectory.ListAsync(cancellationToken);
        }
        catch (DbException)
        {
            // The picker still offers the account shown, and the next load asks the directory again.
            Accounts = shown is null ? [] : [shown];
            IsShownUnrecorded = false;

            return;
        }

        var isRecorded = shown is null || _recorded.Contains(shown, StringComparer.Ordinal);
        IsShownUnrecorded = !isRecorded;
        Accounts = isRecorded ? _recorded : [.. _recorded.Append(shown!).Order(StringComparer.Ordinal)];
    }
}
