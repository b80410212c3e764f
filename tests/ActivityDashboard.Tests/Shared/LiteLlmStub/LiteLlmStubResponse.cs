namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>A canned answer from <see cref="LiteLlmStubServer"/>: status, raw body and content type.</summary>
public sealed record LiteLlmStubResponse(int StatusCode, string Body, string ContentType = "application/json")
{
    /// <summary>What LiteLLM answers when its database query times out on a wide window (a 500, not an outage).</summary>
    public static LiteLlmStubResponse DatabaseReadTimeout { get; } = new(500, """{"detail":"database read timeout"}""");

    public static LiteLlmStubResponse ServiceUnavailable { get; } = new(503, """{"detail":"Service Unavailable"}""");

    public static LiteLlmStubResponse Html(int statusCode, string body) => new(statusCode, body, "text/html");

    /// <summary>LiteLLM's error envelope (<c>code</c> is a string, <c>param</c> often the string "None").</summary>
    public static LiteLlmStubResponse LiteLlmError(int statusCode, string message, string type, string param = "None") =>
        new(statusCode, System.Text.Json.JsonSerializer.Serialize(new
        {
            error = new { message, type, param, code = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));
}
