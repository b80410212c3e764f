namespace ActivityDashboard.Core.Ports;

/// <summary>
/// The telemetry source could not answer in full. Thrown by <see cref="IActivityUsagePort"/> implementations; the
/// message is safe to show (it never holds the LiteLLM key).
/// </summary>
public sealed class UsageSourceException : Exception
{
    public UsageSourceException(UsageSourceFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>How the source failed.</summary>
    public UsageSourceFailure Failure { get; }

    /// <summary>The machine-readable reason of spec section 7, for example <c>usage_source_timeout</c>.</summary>
    public string Reason => Failure switch
    {
        UsageSourceFailure.Unreachable => "usage_source_unreachable",
        UsageSourceFailure.Timeout => "usage_source_timeout",
        UsageSourceFailure.Unavailable => "usage_source_unavailable",
        UsageSourceFailure.InvalidResponse => "usage_source_invalid_response",
        UsageSourceFailure.Rejected => "usage_source_rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(Failure), Failure, null),
    };
}
