namespace ActivityDashboard.Core.Ports;

/// <summary>The argument rules every <see cref="IActivityUsagePort"/> implementation enforces, in one place.</summary>
internal static class UsageWindowArguments
{
    /// <summary>Checks the account and the window, and returns the window in UTC.</summary>
    /// <exception cref="ArgumentException">The account is empty or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static (DateTimeOffset From, DateTimeOffset To) Check(string accountId, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);

        return (from, to);
    }
}
