namespace ActivityDashboard.Core.Accounts;

/// <summary>Claims the dashboard adds to a signed-in user's principal.</summary>
public static class DashboardClaimTypes
{
    /// <summary>The user's own billing account, read from the database at sign-in and at each security-stamp check.</summary>
    public const string BillingAccount = "billing_account";
}
