namespace ActivityDashboard.Core.Configuration;

/// <summary>Which telemetry source serves the dashboard (section <c>UsageSource</c>).</summary>
public sealed class UsageSourceOptions
{
    public const string SectionName = "UsageSource";

    /// <summary><see cref="UsageSourceMode.LiteLlm"/> (production) or <see cref="UsageSourceMode.Demo"/>. Defaults to LiteLlm.</summary>
    public UsageSourceMode Mode { get; set; } = UsageSourceMode.LiteLlm;
}

/// <summary>The telemetry source.</summary>
public enum UsageSourceMode
{
    /// <summary>LiteLLM's <c>GET /spend/logs/v2</c>.</summary>
    LiteLlm,

    /// <summary>The in-process fake, seeded with a deterministic synthetic month; the page says it shows demo data.</summary>
    Demo,
}
