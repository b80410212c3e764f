using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Core.Ports;

/// <summary>
/// Everything the activity service needs from the telemetry source (LiteLLM's spend logs, or the demo/test fake).
/// </summary>
/// <remarks>
/// Both implementations, <c>LiteLlmUsageAdapter</c> and <c>FakeUsageAdapter</c>, pass one contract test suite.
/// </remarks>
public interface IActivityUsagePort
{
    /// <summary>
    /// Reads every call of one billing account whose start time lies in the half-open window
    /// <c>[<paramref name="from"/>, <paramref name="to"/>)</c>.
    /// </summary>
    /// <param name="accountId">The billing account; LiteLLM knows it as the call's <c>end_user</c>.</param>
    /// <param name="from">Inclusive start of the window (UTC).</param>
    /// <param name="to">Exclusive end of the window (UTC). Must be after <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away; the upstream work is cancelled too.</param>
    /// <returns>
    /// Every matching call, all upstream pages read, ordered by start time ascending (ties in upstream order).
    /// Calls with the same non-empty <see cref="UsageEvent.CallId"/> are returned once; calls with an empty id are all
    /// returned.
    /// </returns>
    /// <exception cref="UsageSourceException">
    /// The source could not answer in full; <see cref="UsageSourceException.Failure"/> says how. Nothing partial is
    /// returned: if any page or chunk fails, the whole call fails.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled. A timeout is never reported this way.
    /// </exception>
    Task<IReadOnlyList<UsageEvent>> GetUsageAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken);
}
