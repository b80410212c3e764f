using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

public sealed partial class LiteLlmStubServer
{
    private const string SpendLogsPath = "/spend/logs/v2";
    private static readonly string[] s_dateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    private async Task HandleAsync(HttpContext context)
    {
        var request = new LiteLlmStubRequest
        {
            Path = context.Request.Path.Value ?? string.Empty,
            Query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            Authorization = context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
        };
        _requests.Enqueue(request);
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxConcurrency); inFlight > max; max = Volatile.Read(ref _maxConcurrency))
        {
            Interlocked.CompareExchange(ref _maxConcurrency, inFlight, max);
        }

        try
        {
            using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            var delay = DelayFor?.Invoke(request) ?? Delay;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, aborted.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var response = Respond(request);
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, aborted.Token);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while we were writing; recorded below.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            request.MarkEnded(context.RequestAborted.IsCancellationRequested);
        }
    }

    private LiteLlmStubResponse Respond(LiteLlmStubRequest request)
    {
        if (Fault?.Invoke(request) is { } faulted)
        {
            return faulted;
        }

        if (FixedResponse is { } fixedResponse)
        {
            return fixedResponse;
        }

        if (request.Path != SpendLogsPath)
        {
            return new LiteLlmStubResponse(404, """{"detail":"Not Found"}""");
        }

        if (request.Authorization is null)
        {
            return LiteLlmStubResponse.LiteLlmError(401, "Authentication Error, No api key passed in.", "auth_error");
        }

        if (request.Authorization != "Bearer " + ApiKey)
        {
            var received = request.Authorization.StartsWith("Bearer ", StringComparison.Ordinal)
                ? request.Authorization[7..]
                : request.Authorization;
            var masked = received.Length > 4 ? "sk-..." + received[^4..] : "sk-...";

            return LiteLlmStubResponse.LiteLlmError(
                401,
                $"Authentication Error, Invalid proxy server token passed. Received API Key = {masked}, Key Hash (Token) =0000. "
                    + "Unable to find token in cache or `LiteLLM_VerificationTokenTable`",
                "token_not_found_in_db",
                "key");
        }

        if (!TryReadInt(request, "page", 1, 1, int.MaxValue, out var page, out var pageError))
        {
            return pageError;
        }

        if (!TryReadInt(request, "page_size", 50, 1, MaxPageSize, out var pageSize, out var pageSizeError))
        {
            return pageSizeError;
        }

        if (request["start_date"] is not { } startText || request["end_date"] is not { } endText)
        {
            return LiteLlmStubResponse.LiteLlmError(400, "Start date and end date are required", "bad_request");
        }

        if (!TryParseDate(startText, out var start))
        {
            return InvalidDate(startText);
        }

        if (!TryParseDate(endText, out var end))
        {
            return InvalidDate(endText);
        }

        var sortBy = request["sort_by"] ?? "startTime";
        var sortOrder = request["sort_order"] ?? "desc";
        if (sortBy != "startTime")
        {
            return LiteLlmStubResponse.LiteLlmError(400, $"The stub only sorts by startTime, not {sortBy}", "bad_request", "sort_by");
        }

        if (sortOrder is not ("asc" or "desc"))
        {
            return LiteLlmStubResponse.LiteLlmError(400, "Invalid sort_order. Must be 'asc' or 'desc'", "bad_request", "sort_order");
        }

        if ((FailWindowsLongerThan is { } longest && end - start > longest) || FailWindowStartingAt == start)
        {
            return WindowFailure;
        }

        if (ClampPageSizeTo is { } clamp && clamp < pageSize)
        {
            pageSize = clamp;
        }

        return Page(request["end_user"], start, end, sortOrder == "asc", IgnorePage ? 1 : page, pageSize);
    }

    private LiteLlmStubResponse Page(string? endUser, DateTimeOffset start, DateTimeOffset end, bool ascending, int page, int pageSize)
    {
        // Both ends inclusive, on startTime only, as LiteLLM's SQL does. OrderBy is stable: ties keep insertion order.
        var matching = _rows
            .Where(r => endUser is null || r.EndUser == endUser)
            .Where(r => IgnoreWindow || (r.StartTime >= start && r.StartTime <= end))
            .ToList();
        var sorted = ascending ? matching.OrderBy(r => r.StartTime).ToList() : matching.OrderByDescending(r => r.StartTime).ToList();
        var rows = sorted.Skip((int)Math.Min(int.MaxValue, ((long)page - 1) * pageSize)).Take(pageSize);

        var total = Math.Min(sorted.Count, CountCap);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var row in rows)
            {
                WriteRow(writer, row);
            }

            writer.WriteEndArray();
            writer.WriteNumber("total", total);
            writer.WriteNumber("page", page);
            writer.WriteNumber("page_size", pageSize);
            writer.WriteNumber("total_pages", (total + pageSize - 1) / pageSize);
            writer.WriteBoolean("total_is_capped", sorted.Count > CountCap);
            writer.WriteEndObject();
        }

        return new LiteLlmStubResponse(200, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private void WriteRow(Utf8JsonWriter writer, LiteLlmStubRow row)
    {
        var fields = new List<KeyValuePair<string, string?>>
        {
            new("request_id", Json(row.RequestId)),
            new("call_type", Json("acompletion")),
            new("api_key", Json("88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b")),
            new("spend", row.Spend),
            new("total_tokens", Json(row.PromptTokens + row.CompletionTokens)),
            new("prompt_tokens", Json(row.PromptTokens)),
            new("completion_tokens", Json(row.CompletionTokens)),
            new("startTime", Json(FormatTimestamp(row.StartTime))),
            new("endTime", row.EndTime is { } endTime ? Json(FormatTimestamp(endTime)) : "null"),
            new("completionStartTime", row.CompletionStartTime is { } first ? Json(FormatTimestamp(first)) : "null"),
            new("model", Json(row.Model)),
            new("model_id", Json("0a4ae6feafa1e519134e1706c3b2d58f9e7a4c21")),
            new("model_group", Json(row.ModelGroup)),
            new("custom_llm_provider", Json(row.Provider)),
            new("api_base", Json("https://api.example.invalid/v1")),
            new("user", Json("svc-dashboard-tests")),
            new("metadata", """{"user_api_key_alias":"tests","status":"success","error_information":null}"""),
            new("cache_hit", Json("False")),
            new("cache_key", Json("Cache OFF")),
            new("request_tags", """["User-Agent: tests"]"""),
            new("team_id", "null"),
            new("organization_id", "null"),
            new("end_user", Json(row.EndUser)),
            new("requester_ip_address", Json("127.0.0.1")),
            new("session_id", Json("3b9d6e12-0f7a-4c85-a1d3-6e2f8b4c9a07")),
            new("status", row.Status is null ? "null" : Json(row.Status)),
            new("mcp_namespaced_tool_name", "null"),
            new("agent_id", "null"),
            new("request_duration_ms", row.DurationMs is { } duration ? Json(duration) : "null"),
        };
        if (row.LiteLlmCallId is not null)
        {
            fields.Insert(1, new("litellm_call_id", Json(row.LiteLlmCallId)));
        }

        foreach (var (name, raw) in row.Overrides)
        {
            var index = fields.FindIndex(f => f.Key == name);
            if (index >= 0)
            {
                fields[index] = new(name, raw);
            }
            else
            {
                fields.Add(new(name, raw));
            }
        }

        writer.WriteStartObject();
        foreach (var (name, raw) in fields)
        {
            if (raw is not null)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
        }

        writer.WriteEndObject();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static bool TryParseDate(string text, out DateTimeOffset value)
    {
        // LiteLLM reads both dates as UTC and accepts no zone suffix, no 'T' and no fraction.
        var parsed = DateTime.TryParseExact(
            text,
            s_dateFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var date);
        value = parsed ? new DateTimeOffset(date, TimeSpan.Zero) : default;

        return parsed;
    }

    private static LiteLlmStubResponse InvalidDate(string text) => LiteLlmStubResponse.LiteLlmError(
        400,
        $"Invalid date format: {text}. Expected: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'",
        "internal_server_error");

    // FastAPI validates query parameters itself and answers 422 with {"detail":[...]}, not LiteLLM's envelope.
    private static bool TryReadInt(
        LiteLlmStubRequest request,
        string name,
        int defaultValue,
        int minimum,
        int maximum,
        out int value,
        out LiteLlmStubResponse error)
    {
        error = null!;
        value = defaultValue;
        if (request[name] is not { } text)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = ValidationError(name, text, "int_parsing", "Input should be a valid integer, unable to parse string as an integer");

            return false;
        }

        if (value < minimum)
        {
            error = ValidationError(name, text, "greater_than_equal", $"Input should be greater than or equal to {minimum}");

            return false;
        }

        if (value > maximum)
        {
            error = ValidationError(name, text, "less_than_equal", $"Input should be less than or equal to {maximum}");

            return false;
        }

        return true;
    }

    private static LiteLlmStubResponse ValidationError(string name, string input, string type, string message) => new(
        422,
        JsonSerializer.Serialize(new
        {
            detail = new[] { new { type, loc = new[] { "query", name }, msg = message, input } },
        }));
}
