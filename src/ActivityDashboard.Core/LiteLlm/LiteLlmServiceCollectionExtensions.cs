using ActivityDashboard.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>Registers the LiteLLM spend-log client behind <see cref="IActivityUsagePort"/>.</summary>
public static class LiteLlmServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="LiteLlmOptions"/>, registers the Refit client with its auth handler and
    /// resilience pipeline, and <c>LiteLlmUsageAdapter</c> as the <see cref="IActivityUsagePort"/>.
    /// </summary>
    public static IServiceCollection AddLiteLlmUsageAdapter(this IServiceCollection services)
    {
        throw new NotImplementedException();
    }
}
