using System.Globalization;
using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>
/// One spend-log row held by <see cref="LiteLlmStubServer"/>, written with LiteLLM's field names. Defaults are valid
/// values; <see cref="Overrides"/> replaces or adds any field with raw JSON (a null value leaves the field out), which
/// is how tests send wrong types, odd timestamps or exponent-form numbers.
/// </summary>
public sealed record LiteLlmStubRow
{
    public required string EndUser { get; init; }

    public required string RequestId { get; init; }

    /// <summary>Written only when set (older proxies do not have the column).</summary>
    public string? LiteLlmCallId { get; init; }

    /// <summary>What the stub filters, sorts and (through the server's timestamp format) writes.</summary>
    public required DateTimeOffset StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public DateTimeOffset? CompletionStartTime { get; init; }

    /// <summary>The JSON number's text, written as is (for example <c>0.016350000000000003</c> or <c>1e-7</c>).</summary>
    public string Spend { get; init; } = "0.001";

    public long PromptTokens { get; init; } = 100;

    public long CompletionTokens { get; init; } = 50;

    public string Model { get; init; } = "gpt-4o-mini-2024-07-18";

    public string ModelGroup { get; init; } = "gpt-4o-mini";

    public string Provider { get; init; } = "openai";

    public string? Status { get; init; } = "success";

    public long? DurationMs { get; init; }

    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The row LiteLLM would hold for <paramref name="usageEvent"/>, so the adapter should read it back equal.</summary>
    public static LiteLlmStubRow From(string endUser, UsageEvent usageEvent) => new()
    {
        EndUser = endUser,
        RequestId = usageEvent.CallId,
        StartTime = usageEvent.StartTime,
        EndTime = usageEvent.EndTime,
        CompletionStartTime = usageEvent.CompletionStartTime,
        Spend = usageEvent.ProviderCost.ToString(CultureInfo.InvariantCulture),
        PromptTokens = usageEvent.TokensIn,
        CompletionTokens = usageEvent.TokensOut,
        Model = usageEvent.Model,
        ModelGroup = usageEvent.Model,
        Provider = usageEvent.Provider,
        Status = usageEvent.Status == UsageStatus.Failure ? "failure" : "success",
        DurationMs = usageEvent.DurationMs,
    };
}
