using System.Globalization;
using System.Net;
using System.Text.Json;
using ActivityDashboard.Core.Ports;
using Polly.Timeout;
using Refit;

namespace ActivityDashboard.Core.LiteLlm;

internal sealed partial class LiteLlmUsageAdapter
{
    // One GET through Refit and the resilience pipeline (total timeout around retries of transient failures).
    // Returns null when the proxy refused a page size above FallbackPageSize; every other failure becomes a
    // UsageSourceException whose message names the path and status but never the key. Refit's ApiException is not
    // kept as the inner exception because it carries the request message, Authorization header included. Each call
    // is measured by how it ended; one the caller cancelled is not measured, since it says nothing about LiteLLM.
    private async Task<SpendLogsPage?> FetchPageAsync(
        string accountId,
        string startDate,
        string endDate,
        int page,
        int pageSize,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        string? statusClass = null;
        try
        {
            var response = await api.GetSpendLogsAsync(
                accountId,
                startDate,
                endDate,
                "startTime",
                "asc",
                page,
                pageSize,
                cancellationToken);
            statusClass = LiteLlmMetrics.StatusClass(HttpStatusCode.OK);

            return response ?? throw InvalidResponse(page, "the body is empty or null");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away (or a sibling chunk failed): not an outage, so let it through untouched.
            throw;
        }
        catch (ApiRequestException) when (cancellationToken.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (ApiRequestException ex)
        {
            // No response came back; Refit wraps what HttpClient threw.
            statusClass = TransportStatusClass(ex.InnerException ?? ex);

            throw TransportFailure(ex.InnerException ?? ex, started);
        }
        catch (ApiException ex) when (IsSuccess(ex.StatusCode))
        {
            // Refit could not deserialise a 2xx body: HTML, a bare array (the legacy v1 shape), a null "data",
            // a row with a wrong type.
            statusClass = LiteLlmMetrics.StatusClass(ex.StatusCode);
            var where = ex.InnerException is JsonException { Path: { } path } ? $"at {path}" : "not JSON of the expected shape";
            Log.InvalidResponse(logger, ex.InnerException, SpendLogsPath, page, where);

            throw new UsageSourceException(
                UsageSourceFailure.InvalidResponse,
                $"LiteLLM answered GET {SpendLogsPath} with status {(int)ex.StatusCode} and a body that is not a spend-log page ({where}).",
                ex.InnerException as JsonException);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.UnprocessableEntity
            && pageSize > FallbackPageSize
            && IsPageSizeValidationError(ex.Content))
        {
            statusClass = LiteLlmMetrics.StatusClass(ex.StatusCode);

            return null;
        }
        catch (ApiException ex)
        {
            statusClass = LiteLlmMetrics.StatusClass(ex.StatusCode);
            var status = (int)ex.StatusCode;
            var failure = status is 502 or 503 or 504 ? UsageSourceFailure.Unavailable : UsageSourceFailure.Rejected;
            Log.ErrorStatus(logger, SpendLogsPath, status, ElapsedMilliseconds(started), failure);
            var errorType = ReadLiteLlmErrorType(ex.Content);
            var detail = errorType is null ? string.Empty : $" (error type {errorType})";

            throw new UsageSourceException(
                failure,
                $"LiteLLM answered GET {SpendLogsPath} with status {status}{detail}.");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException)
        {
            statusClass = TransportStatusClass(ex);

            throw TransportFailure(ex, started);
        }
        catch (JsonException ex)
        {
            // Refit only deserialises a successful answer, so the status was 2xx.
            statusClass = LiteLlmMetrics.StatusClass(HttpStatusCode.OK);
            Log.InvalidResponse(logger, ex, SpendLogsPath, page, $"at {ex.Path}");

            throw new UsageSourceException(
                UsageSourceFailure.InvalidResponse,
                $"LiteLLM answered GET {SpendLogsPath} with a body that is not a spend-log page (at {ex.Path}).",
                ex);
        }
        finally
        {
            if (statusClass is not null)
            {
                metrics.RecordRequest(statusClass, timeProvider.GetElapsedTime(started));
            }
        }
    }

    // Mirrors TransportFailure's split: our timeout (or HttpClient's backstop) is a timeout, the rest never connected.
    private static string TransportStatusClass(Exception exception) =>
        exception is TimeoutRejectedException or OperationCanceledException ? LiteLlmMetrics.Timeout : LiteLlmMetrics.Unreachable;

    private UsageSourceException TransportFailure(Exception exception, long started)
    {
        // Our pipeline's timeout fired (TimeoutRejectedException), or, as a backstop, HttpClient's own timeout
        // (an OperationCanceledException whose token is not the caller's).
        if (exception is TimeoutRejectedException or OperationCanceledException)
        {
            Log.UpstreamTimeout(logger, SpendLogsPath, (long)_options.Timeout.TotalMilliseconds);

            return new UsageSourceException(
                UsageSourceFailure.Timeout,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"LiteLLM did not answer GET {SpendLogsPath} within the timeout of {_options.Timeout.TotalSeconds:0.###} s."),
                exception);
        }

        // Connection refused, DNS failure, TLS failure, or the connection dropped before a response came back.
        Log.Unreachable(logger, exception, SpendLogsPath, ElapsedMilliseconds(started));
        var reason = exception is HttpRequestException { HttpRequestError: var error } ? error.ToString() : exception.GetType().Name;

        return new UsageSourceException(
            UsageSourceFailure.Unreachable,
            $"LiteLLM could not be reached for GET {SpendLogsPath} ({reason}).",
            exception);
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and <= 299;

    // FastAPI's own 422 body: {"detail":[{"loc":["query","page_size"],"msg":"...","type":"less_than_equal"}]}.
    private static bool IsPageSizeValidationError(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("detail", out var detail)
                || detail.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in detail.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("loc", out var loc)
                    && loc.ValueKind == JsonValueKind.Array
                    && loc.EnumerateArray().Any(part => part.ValueKind == JsonValueKind.String && part.ValueEquals("page_size")))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // LiteLLM's envelope is {"error":{"message","type","param","code"}}. Only the type is repeated in our message:
    // the message text can quote (a masked form of) the key.
    private static string? ReadLiteLlmErrorType(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() is { Length: > 0 and <= 64 } text
                && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return text;
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private long ElapsedMilliseconds(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}
