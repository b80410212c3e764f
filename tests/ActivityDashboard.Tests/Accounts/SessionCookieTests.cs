using System.Net;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>The session cookie's flags, through the real sign-in form.</summary>
public sealed class SessionCookieTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task SignIn_Default_CookieIsHttpOnlyLaxAndSecureOnlyOnHttps()
    {
        var attributes = await SignInCookieAttributesAsync(settings: null);

        attributes.Should().Contain(["httponly", "samesite=lax"]);
        attributes.Should().NotContain("secure", "the test server speaks plain HTTP and the default follows the request");
    }

    [Fact]
    public async Task SignIn_RequireSecureCookie_MarksTheCookieSecureEvenOverHttp()
    {
        var attributes = await SignInCookieAttributesAsync(new Dictionary<string, string?> { ["Accounts:RequireSecureCookie"] = "true" });

        attributes.Should().Contain(["secure", "httponly", "samesite=lax"]);
    }

    private async Task<IReadOnlyList<string>> SignInCookieAttributesAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now, "acct-cookie", settings);
        var email = await app.CreateUserAsync("acct-cookie");
        var client = app.CreateAnonymousClient();

        using var response = await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ActivityDashboard.Session=", StringComparison.Ordinal));

        return cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
    }
}
