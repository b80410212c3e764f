using System.Globalization;
using System.Net.Http.Headers;
using ActivityDashboard.Core.Gateway;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ActivityDashboard.Core.Alerting;

/// <summary>
/// POSTs one alert body to one webhook through the named client <see cref="HttpClientName"/>, whose resilience
/// pipeline retries transient failures (no answer, 408, 429, 5xx) with exponential back-off. Returns null when the
/// receiver answered 2xx, else what the last attempt got.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory httpClientFactory, IOptions<AlertingOptions> options)
{
    public const string HttpClientName = "alert-webhooks";

    public async Task<string?> SendAsync(WebhookOptions webhook, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (webhook.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(AlertBody.SignatureHeader, AlertBody.Signature(secret, body));
        }

        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);

            return response.IsSuccessStatusCode
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"status {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            return $"no answer within {GatewayStateMachine.Describe(options.Value.Timeout)}";
        }
        catch (HttpRequestException ex)
        {
            return $"unreachable ({ex.HttpRequestError})";
        }
    }
}
