using System.ComponentModel.DataAnnotations;

namespace ActivityDashboard.Core.Alerting;

/// <summary>Where gateway alerts go and how hard delivery tries (section <c>Alerting</c>).</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Alerting";

    /// <summary>
    /// The dashboard's address as users reach it, for example <c>https://dashboard.example.com/</c>; alerts link to the
    /// health page under it. Required when a webhook is configured.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The receivers of every alert. None by default.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Attempts per alert and webhook, the first included. Defaults to 6.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry; each further retry waits twice as long. Defaults to 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One webhook receiver (<c>Alerting:Webhooks:N</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>What the health page and the logs call it; defaults to the URL's host and port (never its path, which may hold a token).</summary>
    public string? Name { get; set; }

    /// <summary>Where alerts are POSTed: an absolute http:// or https:// address. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// When set, each POST carries <c>X-ActivityDashboard-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>
    /// keyed with this secret (UTF-8). Never logged or shown.
    /// </summary>
    public string? Secret { get; set; }

    public string DisplayName => Name is { Length: > 0 } name ? name : Url?.Authority ?? "webhook";
}
