using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>
/// Sign-in and tenant isolation through the real app, the real sign-in form and a real PostgreSQL: a user of A gets
/// only A's numbers whatever they send; an operator reaches any account and sees provider cost.
/// </summary>
public sealed class TenantIsolationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string AccountA = "acct-a";
    private const string AccountB = "acct-b";
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_Unauthenticated_Returns401ProblemUnauthenticated()
    {
        await using var app = await NewAppAsync();

        using var response = await app.CreateAnonymousClient().GetAsync("/api/v1/activity?range=1h", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be("unauthenticated");
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/account/sign-out")]
    [InlineData("/")]
    public async Task Get_UnauthenticatedOtherThanSignIn_IsNotServed(string path)
    {
        await using var app = await NewAppAsync();

        using var response = await app.CreateAnonymousClient().GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/sign-in?ReturnUrl=");
    }

    [Fact]
    public async Task Page_Unauthenticated_RedirectsToSignInAndBackAfterSigningIn()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        var client = app.CreateAnonymousClient();

        using var page = await client.GetAsync("/activity", Ct);
        using var signIn = await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password, returnUrl: "/activity");
        using var after = await client.GetAsync("/activity", Ct);

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.PathAndQuery.Should().Be("/account/sign-in?ReturnUrl=%2Factivity");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().EndWith("/activity");
        signIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("ActivityDashboard.Session=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase)
            && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://evil.example/activity")]
    [InlineData("//evil.example/activity")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_ReturnUrlOfAnotherSite_GoesToActivityInstead(string returnUrl)
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);

        using var response = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, ActivityAppFactory.Password, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().EndWith("/activity").And.NotContain("evil");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheMessageAndSetsNoSessionCookie()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        var client = app.CreateAnonymousClient();

        using var response = await ActivityAppFactory.SignInAsync(client, email, "not the password at all");
        using var api = await client.GetAsync("/api/v1/activity", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("Sign-in failed");
        response.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeFalse(string.Join("; ", cookies ?? []));
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_UnknownEmail_ShowsTheSameMessageAsAWrongPassword()
    {
        await using var app = await NewAppAsync();

        using var response = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), "nobody@example.test", "whatever password");

        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("Sign-in failed. Check the e-mail and password.");
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksOutEvenTheRightPassword()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await ActivityAppFactory.SignInAsync(client, email, "wrong password " + i);
        }

        using var right = await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked-out user gets the form again, not a session");
        (await right.Content.ReadAsStringAsync(Ct)).Should().Contain("Sign-in failed");
    }

    [Fact]
    public async Task SignIn_DisabledUser_IsRefused()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ActivityDashboard.Core.Accounts.AccountAdministration>().DisableUserAsync(email);
        }

        using var response = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, ActivityAppFactory.Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("Sign-in failed");
    }

    [Fact]
    public async Task Get_UserOfA_GetsOnlyANumbers()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA);

        var json = await ApiJson.GetOkAsync(client, "/api/v1/activity?range=1h");

        ApiJson.CallIds(json).Should().Equal("call-a-2", "call-a-1");
        json.GetProperty("totals").GetProperty("spend").GetString().Should().Be("0.3");
    }

    [Theory]
    [InlineData("account=acct-b")]
    [InlineData("range=1h&account=acct-b")]
    [InlineData("account=acct-b&groupBy=model")]
    [InlineData("account=ACCT-A")]
    [InlineData("account=")]
    [InlineData("account=nobody-at-all")]
    public async Task Get_UserOfANamingAnotherAccount_Returns403WithNoneOfBsData(string query)
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA);

        using var response = await client.GetAsync("/api/v1/activity?" + query, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, body);
        JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString().Should().Be("forbidden");
        body.Should().NotContainAny("call-b-1", "call-b-2", "7.77", "1.11", "acct-b");
    }

    [Theory]
    [InlineData("range=1h")]
    [InlineData("range=30d&groupBy=provider&limit=100")]
    [InlineData("account=acct-a&range=7d")]
    [InlineData("from=2026-06-05T00:00:00Z&to=2026-06-06T00:00:00Z&tz=Asia/Kolkata")]
    [InlineData("range=1h&Account=acct-b")]
    [InlineData("range=1h&end_user=acct-b")]
    [InlineData("account=acct-a&account=acct-b")]
    public async Task Get_UserOfAAnyAllowedParameters_NeverSeesBsData(string query)
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA);

        using var response = await client.GetAsync("/api/v1/activity?" + query, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        body.Should().NotContainAny("call-b-1", "call-b-2", "7.77", "1.11");
        if (response.StatusCode == HttpStatusCode.OK)
        {
            body.Should().Contain("call-a-1");
        }
    }

    [Fact]
    public async Task Get_UserOfAWithCursorIssuedForBToAnOperator_Returns400InvalidCursor()
    {
        await using var app = await NewAppAsync();
        var operatorClient = await app.CreateUserClientAsync(AccountA, isOperator: true);
        var page = await ApiJson.GetOkAsync(operatorClient, "/api/v1/activity?range=1h&limit=1&account=acct-b");
        var cursorOfB = page.GetProperty("nextCursor").GetString()!;
        var client = await app.CreateUserClientAsync(AccountA);

        using var response = await client.GetAsync($"/api/v1/activity?range=1h&cursor={Uri.EscapeDataString(cursorOfB)}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString().Should().Be("invalid_cursor");
        body.Should().NotContainAny("call-b-1", "call-b-2", "7.77", "1.11");
    }

    [Fact]
    public async Task Get_UserWithTamperedCursor_Returns400InvalidCursor()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA);
        var cursor = (await ApiJson.GetOkAsync(client, "/api/v1/activity?range=1h&limit=1")).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^3] + (cursor[^3] == 'A' ? "B" : "A") + cursor[^2..];

        using var response = await client.GetAsync($"/api/v1/activity?cursor={Uri.EscapeDataString(tampered)}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString().Should().Be("invalid_cursor");
    }

    [Fact]
    public async Task Get_Operator_OwnAccountByDefaultAnyAccountOnRequestWithProviderCost()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA, isOperator: true);

        var own = await ApiJson.GetOkAsync(client, "/api/v1/activity?range=1h");
        var other = await ApiJson.GetOkAsync(client, "/api/v1/activity?range=1h&account=acct-b");

        ApiJson.CallIds(own).Should().Equal("call-a-2", "call-a-1");
        ApiJson.CallIds(other).Should().Equal("call-b-2", "call-b-1");
        other.GetProperty("totals").GetProperty("spend").GetString().Should().Be("8.88");
        other.GetProperty("totals").GetProperty("providerCost").GetString().Should().Be("0.5");
        other.GetProperty("rows")[0].GetProperty("providerCost").GetString().Should().Be("0.3");
        other.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("providerCost").GetString()).Should().NotContainNulls();
    }

    [Fact]
    public async Task Get_OperatorWithCursorOfBAndAccountC_Returns400InvalidCursor()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA, isOperator: true);
        var cursorOfB = (await ApiJson.GetOkAsync(client, "/api/v1/activity?range=1h&limit=1&account=acct-b")).GetProperty("nextCursor").GetString()!;

        using var response = await client.GetAsync($"/api/v1/activity?account=acct-c&cursor={Uri.EscapeDataString(cursorOfB)}", Ct);
        var next = await ApiJson.GetOkAsync(client, $"/api/v1/activity?account=acct-b&cursor={Uri.EscapeDataString(cursorOfB)}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString().Should().Be("invalid_cursor");
        ApiJson.CallIds(next).Should().Equal("call-b-1");
    }

    [Theory]
    [InlineData("account=")]
    [InlineData("account=acct%20b")]
    [InlineData("account=acct/b")]
    public async Task Get_OperatorWithMalformedAccount_Returns400InvalidAccount(string query)
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA, isOperator: true);

        using var response = await client.GetAsync("/api/v1/activity?" + query, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString().Should().Be("invalid_account");
    }

    [Fact]
    public async Task Get_NonOperator_JsonHasNoProviderCostAnywhere()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateUserClientAsync(AccountA);

        using var response = await client.GetAsync("/api/v1/activity?range=1h&groupBy=model", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().NotContainEquivalentOf("providerCost");
    }

    private async Task<ActivityAppFactory> NewAppAsync()
    {
        var app = new ActivityAppFactory(database.ConnectionString, s_now, AccountA);
        app.Usage.Add(AccountA, [Call("call-a-1", -30, 0.1m), Call("call-a-2", -20, 0.2m)]);
        app.Usage.Add(AccountB, [Call("call-b-1", -30, 0.2m), Call("call-b-2", -20, 0.3m)]);
        app.Usage.Add("acct-c", [Call("c-1", -30, 0.4m)]);
        await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync(
            [
                Receipt(AccountA, "call-a-1", 0.1m),
                Receipt(AccountA, "call-a-2", 0.2m),
                Receipt(AccountB, "call-b-1", 1.11m),
                Receipt(AccountB, "call-b-2", 7.77m),
            ],
            Ct);

        return app;
    }

    private static UsageEvent Call(string id, int minutes, decimal providerCost) =>
        TestData.UsageEvent(callId: id, at: s_now.AddMinutes(minutes), spend: providerCost);

    // Every test adds the same receipts to the class's database; a fixed reference makes the second add a no-op.
    private static ChargeReceipt Receipt(string accountId, string callId, decimal usd)
    {
        var receipt = TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: s_now.AddMinutes(-10), responseCostUsd: usd);
        receipt.SourceReference = "isolation-" + callId;

        return receipt;
    }
}
