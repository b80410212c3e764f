namespace ActivityDashboard.Core.Activity;

/// <summary>
/// One gateway call as the telemetry source reports it. Instants are UTC.
/// </summary>
/// <param name="CallId">
/// The call id used to join receipts: LiteLLM's <c>litellm_call_id</c> when present, else its <c>request_id</c>.
/// May be empty; an empty id never joins and never de-duplicates.
/// </param>
/// <param name="StartTime">When the call started (UTC). A call belongs to the range and bucket containing this instant.</param>
/// <param name="EndTime">When the call ended (UTC), if known.</param>
/// <param name="CompletionStartTime">When the first token arrived (UTC), if known.</param>
/// <param name="Model">The model that served the call; empty when unknown.</param>
/// <param name="Provider">The provider of that model (LiteLLM's <c>custom_llm_provider</c>); empty when unknown.</param>
/// <param name="TokensIn">Prompt tokens.</param>
/// <param name="TokensOut">Completion tokens.</param>
/// <param name="ProviderCost">What the provider charged in USD as LiteLLM computed it (operators only).</param>
/// <param name="Status">The outcome: <see cref="UsageStatus.Success"/> or <see cref="UsageStatus.Failure"/>.</param>
/// <param name="DurationMs">The call's duration in milliseconds, if known.</param>
public sealed record UsageEvent(
    string CallId,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset? CompletionStartTime,
    string Model,
    string Provider,
    long TokensIn,
    long TokensOut,
    decimal ProviderCost,
    UsageStatus Status,
    long? DurationMs);
