using Microsoft.AspNetCore.Identity;

namespace ActivityDashboard.Core.Accounts;

/// <summary>A person who signs in to the dashboard. Belongs to exactly one billing account.</summary>
public sealed class DashboardUser : IdentityUser
{
    /// <summary>The billing account (LiteLLM <c>end_user</c>) whose numbers this user sees. Required.</summary>
    public string BillingAccountId { get; set; } = "";

    /// <summary>
    /// Set by <c>users disable</c>: the user can no longer sign in, and an existing session ends at its next
    /// security-stamp check (the stamp is renewed when the flag is set).
    /// </summary>
    public bool IsDisabled { get; set; }
}
