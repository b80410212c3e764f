namespace ActivityDashboard.Core.Accounts;

/// <summary>One line of <c>users list</c>.</summary>
public sealed record DashboardUserSummary(string Email, string BillingAccountId, bool IsOperator, bool IsDisabled);
