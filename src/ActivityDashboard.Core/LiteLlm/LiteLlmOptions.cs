using System.ComponentModel.DataAnnotations;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>How to reach LiteLLM's spend-log API (section <c>LiteLlm</c>).</summary>
public sealed class LiteLlmOptions
{
    public const string SectionName = "LiteLlm";

    /// <summary>The proxy's base address, for example <c>http://litellm:4000</c>. Required in LiteLlm mode.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>A proxy-admin or master key, sent as <c>Authorization: Bearer</c>. Never logged or shown. Required in LiteLlm mode.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one call to LiteLLM may take, retries included. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rows asked for per page. Defaults to 1000; the adapter falls back to 100 when the proxy answers 422.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Long windows are split into chunks of this length, fetched in parallel. Defaults to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "31.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ChunkLength { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many chunks are fetched at once. Defaults to 4.</summary>
    [Range(1, 32)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries of a transient failure (connection refused, 502, 503, 504) within <see cref="Timeout"/>. Defaults to 2.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;
}
