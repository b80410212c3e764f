using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>Adds LiteLLM's key as <c>Authorization: Bearer</c> to every request. The key is never logged.</summary>
internal sealed class LiteLlmAuthHandler(IOptions<LiteLlmOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);

        return base.SendAsync(request, cancellationToken);
    }
}
