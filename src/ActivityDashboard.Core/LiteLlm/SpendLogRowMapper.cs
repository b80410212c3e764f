using System.Diagnostics.CodeAnalysis;
using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>Turns a wire row into a <see cref="UsageEvent"/>, or says which field made it unreadable.</summary>
internal static class SpendLogRowMapper
{
    public static bool TryMap(SpendLogRow row, [NotNullWhen(true)] out UsageEvent? usageEvent, [NotNullWhen(false)] out string? error)
    {
        usageEvent = null;
        if (!LiteLlmTimestamp.TryParse(row.StartTime, out var startTime))
        {
            error = "startTime is not a timestamp";

            return false;
        }

        if (!TryParseOptional(row.EndTime, out var endTime))
        {
            error = "endTime is not a timestamp";

            return false;
        }

        if (!TryParseOptional(row.CompletionStartTime, out var completionStartTime))
        {
            error = "completionStartTime is not a timestamp";

            return false;
        }

        // The receipt side joins on LiteLLM's call id when the proxy reports one; older proxies only have request_id.
        var callId = string.IsNullOrEmpty(row.LiteLlmCallId) ? row.RequestId : row.LiteLlmCallId;

        // "model" is what the router picked; when it is empty, the requested model group is the best name we have.
        var model = string.IsNullOrEmpty(row.Model) ? row.ModelGroup ?? string.Empty : row.Model;

        // LiteLLM's own status filter counts "success" and a missing status (old rows) as success; anything else failed.
        var status = string.IsNullOrEmpty(row.Status) || string.Equals(row.Status, "success", StringComparison.OrdinalIgnoreCase)
            ? UsageStatus.Success
            : UsageStatus.Failure;

        long? durationMs = null;
        if (row.RequestDurationMs is { } duration)
        {
            if (duration is < long.MinValue or > long.MaxValue)
            {
                error = "request_duration_ms is out of range";

                return false;
            }

            durationMs = (long)Math.Round(duration, MidpointRounding.AwayFromZero);
        }

        usageEvent = new UsageEvent(
            callId,
            startTime,
            endTime,
            completionStartTime,
            model,
            row.CustomLlmProvider ?? string.Empty,
            row.PromptTokens,
            row.CompletionTokens,
            row.Spend,
            status,
            durationMs);
        error = null;

        return true;
    }

    // Optional timestamps may be null or empty (LiteLLM writes "" for some missing values); anything else must parse.
    private static bool TryParseOptional(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!LiteLlmTimestamp.TryParse(text, out var parsed))
        {
            return false;
        }

        value = parsed;

        return true;
    }
}
