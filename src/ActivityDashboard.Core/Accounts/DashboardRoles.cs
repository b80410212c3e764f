namespace ActivityDashboard.Core.Accounts;

/// <summary>The roles a dashboard user can hold.</summary>
public static class DashboardRoles
{
    /// <summary>Sees every account (<c>account=</c> on the API) and the provider cost.</summary>
    public const string Operator = "Operator";
}
