namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// What the probe says about LiteLLM. The numbers are the values of the <c>activitydashboard.gateway.state</c> gauge.
/// </summary>
public enum GatewayState
{
    /// <summary>Probes answer in time.</summary>
    Healthy = 0,

    /// <summary>Several probes within the window were slow or failed.</summary>
    Degraded = 1,

    /// <summary>Several probes in a row failed.</summary>
    Unavailable = 2,
}
