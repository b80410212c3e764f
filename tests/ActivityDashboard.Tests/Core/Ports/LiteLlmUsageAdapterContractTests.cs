using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared.LiteLlmStub;

namespace ActivityDashboard.Tests.Core.Ports;

/// <summary>
/// The port contract through the real Refit client and a LiteLLM stub. A page size of 2 and one-day chunks make
/// every test page and (for multi-day windows) chunk, so those paths are held to the contract too.
/// </summary>
public sealed class LiteLlmUsageAdapterContractTests : UsagePortContractTests, IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _disposables = [];

    protected override async Task<IActivityUsagePort> CreatePortAsync(IReadOnlyList<(string AccountId, UsageEvent Event)> calls)
    {
        var stub = await StartStubAsync();
        foreach (var (accountId, usageEvent) in calls)
        {
            stub.Add(accountId, usageEvent);
        }

        return CreateHost(stub.BaseUrl, LiteLlmStubServer.DefaultApiKey).Port;
    }

    protected override async Task<IActivityUsagePort> CreateFailingPortAsync(UsageSourceFailure failure)
    {
        if (failure == UsageSourceFailure.Unreachable)
        {
            return CreateHost(LiteLlmStubServer.ReserveClosedPort(), LiteLlmStubServer.DefaultApiKey).Port;
        }

        var stub = await StartStubAsync();
        var apiKey = LiteLlmStubServer.DefaultApiKey;
        switch (failure)
        {
            case UsageSourceFailure.Timeout:
                stub.Delay = TimeSpan.FromSeconds(30);
                break;
            case UsageSourceFailure.Unavailable:
                stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
                break;
            case UsageSourceFailure.InvalidResponse:
                stub.FixedResponse = LiteLlmStubResponse.Html(200, "<html><body>502 Bad Gateway</body></html>");
                break;
            case UsageSourceFailure.Rejected:
                apiKey = "sk-not-the-right-key-1234";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }

        return CreateHost(stub.BaseUrl, apiKey).Port;
    }

    protected override async Task<IActivityUsagePort> CreateSlowPortAsync()
    {
        var stub = await StartStubAsync();
        stub.Delay = TimeSpan.FromSeconds(30);

        return CreateHost(stub.BaseUrl, LiteLlmStubServer.DefaultApiKey).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task<LiteLlmStubServer> StartStubAsync()
    {
        var stub = await LiteLlmStubServer.StartAsync(Ct);
        _disposables.Add(stub);

        return stub;
    }

    private LiteLlmTestHost CreateHost(Uri baseUrl, string apiKey)
    {
        var host = LiteLlmTestHost.Create(baseUrl, apiKey, ConfigureForContract);
        _disposables.Insert(0, host);

        return host;
    }

    private static void ConfigureForContract(LiteLlmOptions options)
    {
        options.PageSize = 2;
        options.ChunkLength = TimeSpan.FromDays(1);
        options.Timeout = TimeSpan.FromSeconds(1);
        options.MaxRetries = 1;
    }
}
