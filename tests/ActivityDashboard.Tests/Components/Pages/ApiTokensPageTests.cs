using System.Globalization;
using System.Security.Claims;
using ActivityDashboard.Components.Pages.Account;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Components.Pages;

/// <summary>The API tokens page over the real token service and a real PostgreSQL, as a signed-in user.</summary>
public sealed class ApiTokensPageTests : DashboardTestContext, IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private readonly string _userId = Guid.NewGuid().ToString();

    public ApiTokensPageTests(PostgresDatabase database)
        : base(database, s_now)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        Services.AddDbContextFactory<AccountsDbContext>(options => AccountsDbContext.UseAccountsDatabase(options, database.ConnectionString));
        Services.AddSingleton<ApiTokenService>();
        Authorization.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, _userId),
            new Claim(DashboardClaimTypes.BillingAccount, AccountId));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    [Fact]
    public async Task Create_EnterInTheNameField_CreatesTheTokenLikeTheButton()
    {
        await AddUserAsync(_userId);
        var cut = Render<ApiTokens>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]"));

        NameInput(cut).Input("typed and entered");
        cut.Find("form[data-testid=create-token-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=new-token-panel]"));
        cut.Find("[data-testid=token-row]").TextContent.Should().Contain("typed and entered");
        (await Tokens.ListAsync(_userId, Ct)).Should().ContainSingle("one submit, one token");
    }

    [Fact]
    public async Task Create_ValidName_ShowsTheTokenOnceWithAWarningAndListsIt()
    {
        await AddUserAsync(_userId);
        var cut = Render<ApiTokens>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]"));

        NameInput(cut).Input("nightly export");
        cut.Find("button[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=new-token-panel]"));
        var token = TokenField(cut).GetAttribute("value")!;
        token.Should().MatchRegex("^adt_[A-Za-z0-9_-]{43}$");
        cut.Find("[data-testid=new-token-panel]").TextContent.Should().Contain("won't be shown again");
        var row = cut.Find("[data-testid=token-row]");
        row.TextContent.Should().Contain("nightly export").And.Contain(token[..12]).And.Contain("active").And.Contain("never");
        row.TextContent.Should().NotContain(token, "the list shows the prefix only");
        (await Tokens.ValidateAsync(token, Ct))!.Id.Should().Be(_userId, "the shown token is the user's");

        // A fresh visit lists the token but can no longer show it.
        var again = Render<ApiTokens>();
        again.WaitForAssertion(() => again.Find("[data-testid=token-row]"));
        again.FindAll("[data-testid=new-token-panel]").Should().BeEmpty();
        again.Markup.Should().NotContain(token);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("x", "100")]
    public async Task Create_BadName_ShowsTheMessageAndCreatesNothing(string name, string message)
    {
        await AddUserAsync(_userId);
        var cut = Render<ApiTokens>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]"));

        HelperText(cut).Should().NotContain(message);
        NameInput(cut).Input(name == "x" ? new string('x', 101) : name);
        cut.Find("button[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => HelperText(cut).Should().Contain(message));
        cut.FindAll("[data-testid=new-token-panel]").Should().BeEmpty();
        (await Tokens.ListAsync(_userId, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task List_ShowsOnlyTheSignedInUsersTokensNewestFirst()
    {
        await AddUserAsync(_userId);
        var otherId = Guid.NewGuid().ToString();
        await AddUserAsync(otherId);
        await Tokens.CreateAsync(_userId, "older", Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Tokens.CreateAsync(_userId, "newer", Ct);
        await Tokens.CreateAsync(otherId, "someone else's", Ct);

        var cut = Render<ApiTokens>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=token-row]").Should().HaveCount(2));
        var rows = cut.FindAll("[data-testid=token-row]");
        rows[0].TextContent.PlainSpaces().Should().Contain("newer").And.Contain("6/5/2026 10:35:00 AM UTC");
        rows[1].TextContent.PlainSpaces().Should().Contain("older").And.Contain("6/5/2026 10:30:00 AM UTC");
        cut.Markup.Should().NotContain("someone else");
    }

    [Fact]
    public async Task List_BrowserInBerlin_ShowsTimesOnBerlinsClock()
    {
        // Like /activity, the page reads the browser's zone once it is live; UTC is only the fallback.
        JSInterop.Setup<string?>("activityDashboard.browserTimeZone").SetResult("Europe/Berlin");
        await AddUserAsync(_userId);
        await Tokens.CreateAsync(_userId, "berlin", Ct);

        var cut = Render<ApiTokens>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=token-row]").TextContent.PlainSpaces()
            .Should().Contain("6/5/2026 12:30:00 PM CEST"));
    }

    [Fact]
    public async Task Revoke_CancelledThenConfirmed_RevokesOnlyAfterConfirmation()
    {
        await AddUserAsync(_userId);
        var created = await Tokens.CreateAsync(_userId, "to revoke", Ct);
        var cut = Render<ApiTokens>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=token-row]"));

        // Each step waits for the element the previous one renders: a lone failure in a busy local run could not be reproduced,
        // and nothing below should depend on when a render lands.
        cut.WaitForElement("button[data-testid=revoke-token]").Click();
        cut.WaitForElement("button[data-testid=cancel-revoke]").Click();
        cut.WaitForElement("button[data-testid=revoke-token]");
        var afterCancel = await Tokens.ValidateAsync(created.Token, Ct);
        cut.WaitForElement("button[data-testid=revoke-token]").Click();
        cut.WaitForElement("button[data-testid=confirm-revoke]").Click();

        afterCancel.Should().NotBeNull("cancelling revokes nothing");
        cut.WaitForAssertion(() => cut.Find("[data-testid=token-status]").TextContent.Should().StartWith("revoked"));
        cut.FindAll("button[data-testid=revoke-token]").Should().BeEmpty();
        (await Tokens.ValidateAsync(created.Token, Ct)).Should().BeNull();
    }

    private static string HelperText(IRenderedComponent<ApiTokens> cut) =>
        string.Join(" ", cut.FindAll(".mud-input-helper-text").Select(e => e.TextContent));

    private static IElement NameInput(IRenderedComponent<ApiTokens> cut) =>
        cut.Find("input[data-testid=token-name], [data-testid=token-name] input");

    private static IElement TokenField(IRenderedComponent<ApiTokens> cut) =>
        cut.Find("input[data-testid=new-token], [data-testid=new-token] input");

    private async Task AddUserAsync(string id)
    {
        var email = "page-" + id[..8] + "@example.test";
        await using var context = await Services.GetRequiredService<IDbContextFactory<AccountsDbContext>>().CreateDbContextAsync(Ct);
        context.Users.Add(new DashboardUser
        {
            Id = id,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            BillingAccountId = AccountId,
            SecurityStamp = Guid.NewGuid().ToString(),
        });
        await context.SaveChangesAsync(Ct);
    }
}
