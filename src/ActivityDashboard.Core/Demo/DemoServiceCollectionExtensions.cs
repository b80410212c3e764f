using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Core.Demo;

/// <summary>Registers the demo mode: the fake usage source and the seeding of synthetic calls and receipts.</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>FakeUsageAdapter</c> as the <c>IActivityUsagePort</c> and a hosted service that seeds it (and
    /// the matching receipts) with a deterministic synthetic history, then keeps the last hour live.
    /// </summary>
    public static IServiceCollection AddDemoUsage(this IServiceCollection services)
    {
        throw new NotImplementedException();
    }
}
