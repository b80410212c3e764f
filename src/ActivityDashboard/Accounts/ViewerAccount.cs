namespace ActivityDashboard.Accounts;

/// <summary>Whose numbers a request is answered with, and whether the viewer may see provider cost.</summary>
public sealed record ViewerAccount(string AccountId, bool IsOperator);
