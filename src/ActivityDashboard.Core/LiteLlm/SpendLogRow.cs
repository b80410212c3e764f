using System.Text.Json.Serialization;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>
/// One spend-log row as LiteLLM writes it. Deserialised strictly: a required field that is missing or of the wrong
/// JSON type fails the whole page. Timestamps stay text here because LiteLLM's formats vary (0–6 fractional digits,
/// with or without an offset); <see cref="SpendLogRowMapper"/> parses them.
/// </summary>
internal sealed class SpendLogRow
{
    [JsonPropertyName("request_id")]
    public required string RequestId { get; init; }

    [JsonPropertyName("litellm_call_id")]
    public string? LiteLlmCallId { get; init; }

    [JsonPropertyName("startTime")]
    public required string StartTime { get; init; }

    [JsonPropertyName("endTime")]
    public string? EndTime { get; init; }

    [JsonPropertyName("completionStartTime")]
    public string? CompletionStartTime { get; init; }

    /// <summary>USD; read from the JSON number's text straight into <see cref="decimal"/>, never through a double.</summary>
    [JsonPropertyName("spend")]
    public required decimal Spend { get; init; }

    [JsonPropertyName("prompt_tokens")]
    public required long PromptTokens { get; init; }

    [JsonPropertyName("completion_tokens")]
    public required long CompletionTokens { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("model_group")]
    public string? ModelGroup { get; init; }

    [JsonPropertyName("custom_llm_provider")]
    public string? CustomLlmProvider { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>A JSON number; LiteLLM computes it from the times when the column is null, which may give a fraction.</summary>
    [JsonPropertyName("request_duration_ms")]
    public decimal? RequestDurationMs { get; init; }
}
