namespace ActivityDashboard.Core.Accounts;

/// <summary>An administration request that cannot be carried out as asked; the message says why, for people.</summary>
public sealed class AccountAdministrationException(string message) : Exception(message);
