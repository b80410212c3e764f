namespace ActivityDashboard.Accounts;

/// <summary>Why <see cref="AccountResolver"/> refused a request.</summary>
public enum AccountResolutionFailure
{
    /// <summary>The viewer may not see the account asked for (403 <c>forbidden</c>).</summary>
    Forbidden,

    /// <summary>An operator named an account that is not a valid id (400 <c>invalid_account</c>).</summary>
    InvalidAccount,
}
