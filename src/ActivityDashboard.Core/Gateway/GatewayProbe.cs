using System.Globalization;
using ActivityDashboard.Core.LiteLlm;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Refit;

namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// One probe of LiteLLM: the cheapest real spend-log read (the last minute, one row, an end user nobody has) through
/// the app's Refit interface on a client of its own, with its own timeout and no retries.
/// </summary>
/// <remarks>
/// The probe has its own named <see cref="HttpClient"/> and resilience pipeline, so nothing it does (a timeout, a
/// refused connection) touches the client that serves users, and users' requests do not feed the state. Elapsed time
/// is real time, like the users' client's timeouts; the time a probe is stamped with comes from the app's clock.
/// Nothing from LiteLLM's body goes into a result: only status codes and error kinds, so the key cannot leak.
/// </remarks>
internal sealed class GatewayProbe(IHttpClientFactory httpClientFactory, IOptions<GatewayHealthOptions> options, TimeProvider timeProvider)
{
    public const string HttpClientName = "litellm-gateway-probe";

    /// <summary>The <c>end_user</c> the probe asks for: no billing account is called this, so the answer is an empty page.</summary>
    public const string ProbeEndUser = "activitydashboard-gateway-probe";

    private readonly GatewayHealthOptions _options = options.Value;

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var at = timeProvider.GetUtcNow();
        var end = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var api = RestService.ForGenerated<ILiteLlmSpendApi>(
            httpClientFactory.CreateClient(HttpClientName),
            LiteLlmServiceCollectionExtensions.RefitSettings);
        var started = TimeProvider.System.GetTimestamp();

        string? failure;
        try
        {
            var page = await api.GetSpendLogsAsync(
                ProbeEndUser,
                QueryDate(end.AddMinutes(-1)),
                QueryDate(end),
                "startTime",
                "desc",
                1,
                1,
                cancellationToken);
            failure = page is null ? "an empty body instead of a spend-log page" : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping: not an outage.
            throw;
        }
        catch (ApiRequestException) when (cancellationToken.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (ApiRequestException ex)
        {
            failure = Transport(ex.InnerException ?? ex);
        }
        catch (ApiException ex) when ((int)ex.StatusCode is >= 200 and <= 299)
        {
            failure = string.Create(CultureInfo.InvariantCulture, $"status {(int)ex.StatusCode} with a body that is not a spend-log page");
        }
        catch (ApiException ex)
        {
            failure = string.Create(CultureInfo.InvariantCulture, $"status {(int)ex.StatusCode}");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException)
        {
            failure = Transport(ex);
        }
        catch (System.Text.Json.JsonException)
        {
            failure = "a body that is not a spend-log page";
        }

        var duration = TimeProvider.System.GetElapsedTime(started);
        if (failure is not null)
        {
            return new ProbeResult(at, duration, ProbeOutcome.Failure, failure);
        }

        return duration > _options.SlowThreshold
            ? new ProbeResult(at, duration, ProbeOutcome.Slow, $"answered in {GatewayStateMachine.Describe(Round(duration))}")
            : new ProbeResult(at, duration, ProbeOutcome.Success);
    }

    private string Transport(Exception exception) => exception switch
    {
        TimeoutRejectedException or OperationCanceledException => $"no answer within {GatewayStateMachine.Describe(_options.Timeout)}",
        HttpRequestException { HttpRequestError: var error } => $"unreachable ({error})",
        _ => $"unreachable ({exception.GetType().Name})",
    };

    private static TimeSpan Round(TimeSpan duration) => TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds));

    private static string QueryDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
