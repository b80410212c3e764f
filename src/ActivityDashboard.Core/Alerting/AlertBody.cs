using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ActivityDashboard.Core.Alerting;

/// <summary>The JSON a webhook receives, and its signature.</summary>
public static class AlertBody
{
    public const string SignatureHeader = "X-ActivityDashboard-Signature";

    /// <summary>The path of the health page the alerts link to.</summary>
    public const string HealthPagePath = "admin/gateway-health";

    /// <summary>
    /// <c>{"id","type","state","previousState","monitored","since","reason","healthPageUrl"}</c>: states by name,
    /// <c>monitored</c> false only for a test alert where no probe runs, <c>since</c> in ISO 8601 UTC, <c>type</c>
    /// <c>state_change</c> or <c>test</c>, the URL null when no public base URL is set.
    /// </summary>
    public static byte[] Write(GatewayAlert alert, Uri? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", alert.Id);
            writer.WriteString("type", alert.Kind == AlertKind.Test ? "test" : "state_change");
            writer.WriteString("state", alert.State.ToString());
            writer.WriteString("previousState", alert.PreviousState.ToString());
            writer.WriteBoolean("monitored", alert.IsMonitored);
            writer.WriteString("since", alert.Since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("reason", alert.Reason);
            if (HealthPageUrl(publicBaseUrl) is { } url)
            {
                writer.WriteString("healthPageUrl", url.AbsoluteUri);
            }
            else
            {
                writer.WriteNull("healthPageUrl");
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <paramref name="body"/> keyed with the UTF-8 <paramref name="secret"/>.</summary>
    public static string Signature(string secret, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);

        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public static Uri? HealthPageUrl(Uri? publicBaseUrl)
    {
        if (publicBaseUrl is null)
        {
            return null;
        }

        var baseUrl = publicBaseUrl.AbsoluteUri.EndsWith('/') ? publicBaseUrl : new Uri(publicBaseUrl.AbsoluteUri + "/");

        return new Uri(baseUrl, HealthPagePath);
    }
}
