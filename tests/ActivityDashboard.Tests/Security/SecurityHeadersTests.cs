using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;

namespace ActivityDashboard.Tests.Security;

/// <summary>The security headers on every kind of answer of the real app: a page, an API response, a problem document.</summary>
public sealed partial class SecurityHeadersTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_SignIn_HasEveryHeaderAndTheImportMapCarriesTheNonce()
    {
        await using var app = NewApp();

        using var response = await app.CreateAnonymousClient().GetAsync("/account/sign-in", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertSecurityHeaders(response);
        var nonce = Nonce().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
        nonce.Should().MatchRegex("^[0-9a-f]{32}$", "128 random bits, written so that HTML needs no escaping");
        html.Should().Contain($"<script type=\"importmap\" nonce=\"{nonce}\">", "the import map is the one inline script the policy admits");
    }

    [Fact]
    public async Task Page_TwoRequests_GetDifferentNonces()
    {
        await using var app = NewApp();
        var client = app.CreateAnonymousClient();

        using var first = await client.GetAsync("/account/sign-in", Ct);
        using var second = await client.GetAsync("/account/sign-in", Ct);

        Nonce().Match(first.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value
            .Should().NotBe(Nonce().Match(second.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value);
    }

    [Fact]
    public async Task Api_SignedIn_HasEveryHeader()
    {
        await using var app = NewApp();
        var client = await app.CreateUserClientAsync();

        using var response = await client.GetAsync("/api/v1/activity?range=1h", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData(false, "/api/v1/activity?range=1h", HttpStatusCode.Unauthorized)]
    [InlineData(true, "/api/v1/activity?range=nonsense", HttpStatusCode.BadRequest)]
    public async Task Api_ProblemDocument_HasEveryHeader(bool signedIn, string url, HttpStatusCode status)
    {
        await using var app = NewApp();
        var client = signedIn ? await app.CreateUserClientAsync() : app.CreateAnonymousClient();

        using var response = await client.GetAsync(url, Ct);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Api_FailureThroughTheExceptionHandler_KeepsEveryHeader()
    {
        // The exception handler clears the response before writing its problem document; the headers must survive.
        await using var app = NewApp();
        app.Usage.Failure = ActivityDashboard.Core.Ports.UsageSourceFailure.Unreachable;
        var client = await app.CreateUserClientAsync();

        using var response = await client.GetAsync("/api/v1/activity?range=1h", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Operational_Anonymous_HasEveryHeader(string path)
    {
        await using var app = NewApp();

        using var response = await app.CreateAnonymousClient().GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Page_PlainHttp_HasNoStrictTransportSecurity()
    {
        await using var app = NewApp();

        using var response = await app.CreateAnonymousClient().GetAsync("/account/sign-in", Ct);

        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is only sent over HTTPS");
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response.Headers, "Content-Security-Policy");
        csp.Should().StartWith("default-src 'self'; script-src 'self' 'nonce-")
            .And.Contain("style-src 'self' 'unsafe-inline'")
            .And.Contain("img-src 'self' data:")
            .And.Contain("font-src 'self' data:")
            .And.Contain("connect-src 'self' ws: wss:")
            .And.Contain("frame-ancestors 'none'")
            .And.Contain("base-uri 'self'")
            .And.Contain("form-action 'self'")
            .And.NotContain("unsafe-eval");
        Header(response.Headers, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response.Headers, "X-Frame-Options").Should().Be("DENY");
        Header(response.Headers, "Referrer-Policy").Should().Be("strict-origin-when-cross-origin");
        Header(response.Headers, "Permissions-Policy").Should().Be("camera=(), microphone=(), geolocation=()");
    }

    private static string Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : $"<no {name} header>";

    private ActivityAppFactory NewApp() => new(database.ConnectionString, s_now, "acct-headers");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
