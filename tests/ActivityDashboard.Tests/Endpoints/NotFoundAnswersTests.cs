using System.Net;
using System.Text.Json;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>
/// An address that matches nothing, through the real app: a browser gets the "Page not found" page in the app's
/// layout with status 404; the API and any client that does not ask for HTML get the problem document.
/// </summary>
public sealed class NotFoundAnswersTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_BrowserSignedIn_Returns404PageInTheLayoutWithTheAddressAndALinkToActivity()
    {
        await using var app = NewApp();
        var client = await app.CreateUserClientAsync();

        using var response = await client.SendAsync(Get("/nonexistent?from=typo", BrowserAccept), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("<!DOCTYPE html>").And.Contain("Page not found");
        html.Should().Contain("<title>Page not found</title>");
        html.Should().Contain("mud-appbar", "the page is rendered in the app's layout");
        html.Should().MatchRegex("""<a [^>]*href="/activity"[^>]*>Go to your activity</a>""");
        html.Should().Contain("/nonexistent?from=typo", "the page names the address that was asked for");
        html.Should().NotContain("\"reason\"");
        response.Headers.Should().Contain(h => h.Key == "Content-Security-Policy", "the re-executed page keeps the security headers");
    }

    [Fact]
    public async Task Get_BrowserSignedInMarkupInTheAddress_IsShownEncoded()
    {
        await using var app = NewApp();
        var client = await app.CreateUserClientAsync();

        using var response = await client.SendAsync(Get("/missing/%3Cb%3Ebold%3C%2Fb%3E", BrowserAccept), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        html.Should().Contain("/missing/&lt;b&gt;bold").And.NotContain("<b>bold");
    }

    [Theory]
    [InlineData("/nonexistent", "application/json")]
    [InlineData("/nonexistent", "*/*")]
    [InlineData("/api/v1/nope", BrowserAccept)]
    [InlineData("/api/v1/nope", "application/json")]
    [InlineData("/api/v1/nope", null)]
    public async Task Get_SignedInApiOrNotAskingForHtml_Returns404ProblemDocument(string path, string? accept)
    {
        await using var app = NewApp();
        var client = await app.CreateUserClientAsync();

        using var response = await client.SendAsync(Get(path, accept), Ct);

        await ShouldBeNotFoundProblemAsync(response);
    }

    [Fact]
    public async Task Post_BrowserSignedIn_GetsAProblemDocumentNotThePage()
    {
        await using var app = NewApp();
        var client = await app.CreateUserClientAsync();
        using var request = Get("/nonexistent", BrowserAccept);
        request.Method = HttpMethod.Post;

        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // Routing answers 405 here (the static assets' GET-only catch-all matches the path before its constraint is
        // checked), as it did before the page existed; what matters is that only a page load gets the page.
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain("Page not found");
    }

    [Fact]
    public async Task Get_BrowserSignedOut_RedirectsToSignInAndBack()
    {
        await using var app = NewApp();

        using var response = await app.CreateAnonymousClient().SendAsync(Get("/nonexistent", BrowserAccept), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a stranger learns nothing about which addresses exist");
        response.Headers.Location!.PathAndQuery.Should().Be("/account/sign-in?ReturnUrl=%2Fnonexistent");
    }

    [Fact]
    public async Task Get_NotFoundPageItself_IsServedToASignedInBrowser()
    {
        await using var app = NewApp();
        var client = await app.CreateUserClientAsync();

        using var response = await client.SendAsync(Get("/not-found", BrowserAccept), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Page not found");
    }

    private static async Task ShouldBeNotFoundProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(404);
        problem.GetProperty("title").GetString().Should().Be("Not Found");
        problem.GetProperty("reason").GetString().Should().Be("not_found");
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
    }

    private static HttpRequestMessage Get(string path, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return request;
    }

    private ActivityAppFactory NewApp() => new(database.ConnectionString, s_now);
}
