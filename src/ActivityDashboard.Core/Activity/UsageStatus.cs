namespace ActivityDashboard.Core.Activity;

/// <summary>The outcome of one gateway call.</summary>
public enum UsageStatus
{
    /// <summary>The call succeeded (LiteLLM's <c>success</c>, or no status on older rows, as LiteLLM's own filter reads it).</summary>
    Success,

    /// <summary>The call failed.</summary>
    Failure,
}
