using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>
/// Personal API tokens through the real app and a real PostgreSQL: a token acts as its user (account and role), a
/// revoked, unknown or malformed one gets a 401 problem, the database keeps no token, and a token opens no page.
/// </summary>
public sealed class ApiTokenTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string AccountA = "tok-a";
    private const string AccountB = "tok-b";
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_WithTokenOfUserOfA_GetsTheSameNumbersAsTheUsersSession()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        var token = await CreateTokenAsync(app, email);
        var session = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(session, email, ActivityAppFactory.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var viaToken = await ApiJson.GetOkAsync(TokenClient(app, token), "/api/v1/activity?range=1h&groupBy=model");
        var viaSession = await ApiJson.GetOkAsync(session, "/api/v1/activity?range=1h&groupBy=model");

        ApiJson.CallIds(viaToken).Should().Equal("call-a-2", "call-a-1");
        viaToken.GetProperty("totals").GetProperty("spend").GetString().Should().Be("0.3");
        viaToken.GetRawText().Should().Be(viaSession.GetRawText(), "a token acts exactly as its user");
        viaToken.GetRawText().Should().NotContainEquivalentOf("providerCost", "a plain user's token is not an operator's");
    }

    [Theory]
    [InlineData("account=tok-b")]
    [InlineData("range=1h&account=tok-b")]
    [InlineData("account=tok-b&groupBy=model")]
    public async Task Get_WithTokenOfANamingB_Returns403WithNoneOfBsNumbers(string query)
    {
        await using var app = await NewAppAsync();
        var token = await CreateTokenAsync(app, await app.CreateUserAsync(AccountA));

        using var response = await TokenClient(app, token).GetAsync("/api/v1/activity?" + query, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, body);
        JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString().Should().Be("forbidden");
        body.Should().NotContainAny("call-b-1", "call-b-2", "7.77", "1.11");
    }

    [Fact]
    public async Task Get_WithOperatorsToken_ReachesAnyAccountWithProviderCost()
    {
        await using var app = await NewAppAsync();
        var token = await CreateTokenAsync(app, await app.CreateUserAsync(AccountA, isOperator: true));

        var json = await ApiJson.GetOkAsync(TokenClient(app, token), "/api/v1/activity?range=1h&account=tok-b");

        ApiJson.CallIds(json).Should().Equal("call-b-2", "call-b-1");
        json.GetProperty("totals").GetProperty("spend").GetString().Should().Be("8.88");
        json.GetRawText().Should().Contain("providerCost", "the Operator role comes with the token");
    }

    [Fact]
    public async Task Get_WithRevokedToken_Returns401ProblemEvenWithAValidSessionCookie()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        var created = await CreateAsync(app, email);
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        using var before = await client.GetAsync("/api/v1/activity?range=1h", Ct);

        (await app.Services.GetRequiredService<ApiTokenService>().RevokeAsync(await UserIdAsync(app, email), created.Summary.Id, Ct))
            .Should().BeTrue();
        using var after = await client.GetAsync("/api/v1/activity?range=1h", Ct);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeUnauthenticatedProblemAsync(after);
    }

    [Theory]
    [InlineData("adt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("adt_short")]
    [InlineData("not-a-token")]
    [InlineData("adt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("")]
    public async Task Get_WithUnknownOrMalformedToken_Returns401Problem(string token)
    {
        await using var app = await NewAppAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/activity?range=1h");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        using var response = await app.CreateAnonymousClient().SendAsync(request, Ct);

        // "Bearer " with nothing after it presents no token: the request is simply not signed in.
        await ShouldBeUnauthenticatedProblemAsync(response, tokenPresented: token.Length > 0);
    }

    [Fact]
    public async Task Get_WithTokenOfDisabledOrLockedOutUser_Returns401Problem()
    {
        await using var app = await NewAppAsync();
        var disabledEmail = await app.CreateUserAsync(AccountA);
        var disabledToken = await CreateTokenAsync(app, disabledEmail);
        var lockedEmail = await app.CreateUserAsync(AccountA);
        var lockedToken = await CreateTokenAsync(app, lockedEmail);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().DisableUserAsync(disabledEmail);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var locked = await users.FindByEmailAsync(lockedEmail);
            await users.SetLockoutEndDateAsync(locked!, s_now.AddMinutes(10));
        }

        using var disabled = await TokenClient(app, disabledToken).GetAsync("/api/v1/activity?range=1h", Ct);
        using var lockedOut = await TokenClient(app, lockedToken).GetAsync("/api/v1/activity?range=1h", Ct);

        await ShouldBeUnauthenticatedProblemAsync(disabled);
        await ShouldBeUnauthenticatedProblemAsync(lockedOut);
    }

    [Fact]
    public async Task Create_StoresOnlyTheHashNeverTheToken()
    {
        await using var app = await NewAppAsync();
        var token = await CreateTokenAsync(app, await app.CreateUserAsync(AccountA), "stored-check");

        await using var context = await app.Services.GetRequiredService<IDbContextFactory<AccountsDbContext>>().CreateDbContextAsync(Ct);
        var rows = await context.Database
            .SqlQueryRaw<string>(
                "SELECT concat_ws('|', id::text, user_id, name, prefix, encode(token_hash, 'hex'), encode(token_hash, 'base64'), "
                + "encode(token_hash, 'escape'), created_at::text) AS \"Value\" FROM api_tokens WHERE name = 'stored-check'")
            .ToListAsync(Ct);

        rows.Should().ContainSingle();
        rows[0].Should().NotContain(token).And.NotContain(token["adt_".Length..]);
        rows[0].Should().Contain(token[..12], "the display prefix is the token's first characters");
        rows[0].Should().Contain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))));
    }

    [Theory]
    [InlineData("/activity")]
    [InlineData("/account/tokens")]
    [InlineData("/")]
    public async Task GetPage_WithTokenOnly_DoesNotOpenThePage(string path)
    {
        await using var app = await NewAppAsync();
        var token = await CreateTokenAsync(app, await app.CreateUserAsync(AccountA));

        using var response = await TokenClient(app, token).GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "pages take the session cookie only");
        response.Headers.Location!.OriginalString.Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task Get_WithToken_RecordsLastUsedAtMostOncePerMinute()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);
        var token = await CreateTokenAsync(app, email);
        var client = TokenClient(app, token);
        var service = app.Services.GetRequiredService<ApiTokenService>();
        var userId = await UserIdAsync(app, email);

        var beforeUse = (await service.ListAsync(userId, Ct)).Single().LastUsedAt;
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).Dispose();
        var firstUse = (await service.ListAsync(userId, Ct)).Single().LastUsedAt;
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).Dispose();
        var withinAMinute = (await service.ListAsync(userId, Ct)).Single().LastUsedAt;
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).Dispose();
        var afterAMinute = (await service.ListAsync(userId, Ct)).Single().LastUsedAt;

        beforeUse.Should().BeNull();
        firstUse.Should().Be(s_now);
        withinAMinute.Should().Be(s_now, "a second use within the minute writes nothing");
        afterAMinute.Should().Be(s_now.AddSeconds(61));
    }

    [Fact]
    public async Task RevokeAsync_AnotherUsersToken_IsNotFoundAndTheTokenKeepsWorking()
    {
        await using var app = await NewAppAsync();
        var owner = await app.CreateUserAsync(AccountA);
        var other = await app.CreateUserAsync(AccountB);
        var created = await CreateAsync(app, owner);
        var service = app.Services.GetRequiredService<ApiTokenService>();

        var revoked = await service.RevokeAsync(await UserIdAsync(app, other), created.Summary.Id, Ct);
        using var response = await TokenClient(app, created.Token).GetAsync("/api/v1/activity?range=1h", Ct);

        revoked.Should().BeFalse();
        (await service.ListAsync(await UserIdAsync(app, other), Ct)).Should().BeEmpty();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateAsync_TokenShape_IsAdtPrefixedBase64UrlOf32BytesAndUnique()
    {
        await using var app = await NewAppAsync();
        var email = await app.CreateUserAsync(AccountA);

        var first = await CreateAsync(app, email);
        var second = await CreateAsync(app, email);

        first.Token.Should().MatchRegex("^adt_[A-Za-z0-9_-]{43}$");
        first.Token.Should().NotBe(second.Token);
        first.Summary.Prefix.Should().Be(first.Token[..12]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task CreateAsync_BadName_Throws(string? name)
    {
        await using var app = await NewAppAsync();
        var userId = await UserIdAsync(app, await app.CreateUserAsync(AccountA));
        var service = app.Services.GetRequiredService<ApiTokenService>();

        var missing = () => service.CreateAsync(userId, name, Ct);
        var tooLong = () => service.CreateAsync(userId, new string('x', 101), Ct);

        await missing.Should().ThrowAsync<AccountAdministrationException>().WithMessage("*required*");
        await tooLong.Should().ThrowAsync<AccountAdministrationException>().WithMessage("*100*");
    }

    private async Task<ActivityAppFactory> NewAppAsync()
    {
        var app = new ActivityAppFactory(database.ConnectionString, s_now, AccountA);
        app.Usage.Add(AccountA, [Call("call-a-1", -30, 0.1m), Call("call-a-2", -20, 0.2m)]);
        app.Usage.Add(AccountB, [Call("call-b-1", -30, 0.2m), Call("call-b-2", -20, 0.3m)]);
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

    private static async Task<string> UserIdAsync(ActivityAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email);

        return user!.Id;
    }

    private static async Task<ApiTokenCreated> CreateAsync(ActivityAppFactory app, string email, string name = "script") =>
        await app.Services.GetRequiredService<ApiTokenService>().CreateAsync(await UserIdAsync(app, email), name, Ct);

    private static async Task<string> CreateTokenAsync(ActivityAppFactory app, string email, string name = "script") =>
        (await CreateAsync(app, email, name)).Token;

    private static HttpClient TokenClient(ActivityAppFactory app, string token)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        return client;
    }

    private static async Task ShouldBeUnauthenticatedProblemAsync(HttpResponseMessage response, bool tokenPresented = true)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull("the API never redirects");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be("unauthenticated");
        if (tokenPresented)
        {
            problem.GetProperty("detail").GetString().Should().StartWith("The API token is not valid", "a refused token is not told to sign in");
            response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer error=\"invalid_token\"");
        }

        var body = problem.GetRawText();
        body.Should().NotContainAny("call-a-1", "call-a-2", "call-b-1");
    }

    private static UsageEvent Call(string id, int minutes, decimal providerCost) =>
        TestData.UsageEvent(callId: id, at: s_now.AddMinutes(minutes), spend: providerCost);

    // Every test adds the same receipts to the class's database; a fixed reference makes the second add a no-op.
    private static ChargeReceipt Receipt(string accountId, string callId, decimal usd)
    {
        var receipt = TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: s_now.AddMinutes(-10), responseCostUsd: usd);
        receipt.SourceReference = "tokens-" + callId;

        return receipt;
    }
}
