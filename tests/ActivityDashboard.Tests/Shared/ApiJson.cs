using System.Net;
using System.Text.Json;

namespace ActivityDashboard.Tests.Shared;

/// <summary>Reading <c>/api/v1/activity</c> answers in tests.</summary>
public static class ApiJson
{
    /// <summary>GETs <paramref name="url"/>, expects 200 (showing the body otherwise) and returns the parsed JSON.</summary>
    public static async Task<JsonElement> GetOkAsync(HttpClient client, string url)
    {
        var cancellationToken = Xunit.TestContext.Current.CancellationToken;
        using var response = await client.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The call ids of a page's rows, in order.</summary>
    public static IEnumerable<string?> CallIds(JsonElement page) =>
        page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("callId").GetString());
}
