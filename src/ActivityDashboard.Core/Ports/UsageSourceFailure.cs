namespace ActivityDashboard.Core.Ports;

/// <summary>How the telemetry source failed (product spec section 7).</summary>
public enum UsageSourceFailure
{
    /// <summary>The connection was refused or the host could not be reached. Maps to 503 <c>usage_source_unreachable</c>.</summary>
    Unreachable,

    /// <summary>No answer within the configured timeout. Maps to 503 <c>usage_source_timeout</c>.</summary>
    Timeout,

    /// <summary>The source answered 502, 503 or 504. Maps to 503 <c>usage_source_unavailable</c>.</summary>
    Unavailable,

    /// <summary>The source answered something that is not the documented shape. Maps to 503 <c>usage_source_invalid_response</c>.</summary>
    InvalidResponse,

    /// <summary>The source answered another 4xx or a 500: a configuration or logic fault. Maps to 500 <c>usage_source_rejected</c>.</summary>
    Rejected,
}
