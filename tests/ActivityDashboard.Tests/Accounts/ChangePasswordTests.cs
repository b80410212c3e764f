using System.Net;
using ActivityDashboard.Components.Pages.Account;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>The password change page through the real app, its real form (antiforgery included) and a real PostgreSQL.</summary>
public sealed class ChangePasswordTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string NewPassword = "a much newer passphrase";
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Change_RightCurrentPassword_NewPasswordSignsInAndTheOldNoLonger()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var client = await SignedInClientAsync(email);

        using var response = await PostChangeAsync(client, ActivityAppFactory.Password, NewPassword, NewPassword);
        using var old = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, ActivityAppFactory.Password);
        using var renewed = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, NewPassword);

        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("data-testid=\"password-changed\"");
        old.StatusCode.Should().Be(HttpStatusCode.OK, "the old password shows the sign-in form again");
        (await old.Content.ReadAsStringAsync(Ct)).Should().Contain("Sign-in failed");
        renewed.StatusCode.Should().Be(HttpStatusCode.Redirect);

        async Task<HttpClient> SignedInClientAsync(string address)
        {
            var signedIn = app.CreateAnonymousClient();
            using var signIn = await ActivityAppFactory.SignInAsync(signedIn, address, ActivityAppFactory.Password);
            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);

            return signedIn;
        }
    }

    [Fact]
    public async Task Change_Succeeds_KeepsThisSessionAndEndsTheOthers()
    {
        // Re-check sessions on every request, so the renewed security stamp shows at once.
        await using var app = NewApp(new Dictionary<string, string?> { ["Accounts:RevalidationInterval"] = "00:00:00" });
        var email = await app.CreateUserAsync();
        var changing = app.CreateAnonymousClient();
        var other = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(changing, email, ActivityAppFactory.Password)).Dispose();
        (await ActivityAppFactory.SignInAsync(other, email, ActivityAppFactory.Password)).Dispose();

        using var response = await PostChangeAsync(changing, ActivityAppFactory.Password, NewPassword, NewPassword);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var mine = await changing.GetAsync("/api/v1/activity?range=1h", Ct);
        using var theirs = await other.GetAsync("/api/v1/activity?range=1h", Ct);

        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("ActivityDashboard.Session=", StringComparison.Ordinal),
            "the sign-in is refreshed with the new security stamp");
        mine.StatusCode.Should().Be(HttpStatusCode.OK);
        theirs.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Change_WrongCurrentPassword_ShowsTheMessageAndKeepsThePassword()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();

        using var response = await PostChangeAsync(client, "not my current password", NewPassword, NewPassword);
        using var again = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, ActivityAppFactory.Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain(ChangePassword.WrongCurrentMessage).And.NotContain("password-changed");
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "the password is unchanged");
    }

    [Fact]
    public async Task Change_ConfirmationDiffers_ShowsTheMessageAndKeepsThePassword()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();

        using var response = await PostChangeAsync(client, ActivityAppFactory.Password, NewPassword, NewPassword + " typo");
        using var again = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, ActivityAppFactory.Password);

        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain(ChangePassword.MismatchMessage);
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "the password is unchanged");
    }

    [Fact]
    public async Task Change_NewPasswordIsTheCurrentOne_ShowsTheMessageAndKeepsTheSecurityStamp()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var stampBefore = await SecurityStampAsync(app, email);
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();

        using var response = await PostChangeAsync(client, ActivityAppFactory.Password, ActivityAppFactory.Password, ActivityAppFactory.Password);

        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain(ChangePassword.SameMessage);
        (await SecurityStampAsync(app, email)).Should().Be(stampBefore, "other sessions stay signed in when nothing changed");
    }

    [Fact]
    public async Task Change_WeakNewPassword_ShowsIdentitysRule()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();

        using var response = await PostChangeAsync(client, ActivityAppFactory.Password, "short", "short");

        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("at least 12 characters").And.NotContain("password-changed");
    }

    [Fact]
    public async Task Change_PostWithoutAntiforgeryToken_IsRefusedAndKeepsThePassword()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["Input.CurrentPassword"] = ActivityAppFactory.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        using var response = await client.PostAsync("/account/password", form, Ct);
        using var again = await ActivityAppFactory.SignInAsync(app.CreateAnonymousClient(), email, ActivityAppFactory.Password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "the password is unchanged");
    }

    [Fact]
    public async Task Get_Unauthenticated_RedirectsToSignIn()
    {
        await using var app = NewApp();

        using var response = await app.CreateAnonymousClient().GetAsync("/account/password", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/account/sign-in?ReturnUrl=%2Faccount%2Fpassword");
    }

    [Fact]
    public async Task Layout_SignedIn_HasALinkToThePasswordPage()
    {
        await using var app = NewApp();
        var email = await app.CreateUserAsync();
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();

        var html = await client.GetStringAsync("/account/password", Ct);

        html.Should().Contain("href=\"/account/password\"").And.Contain("data-testid=\"change-password\"");
    }

    private static Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string next, string confirm) =>
        ActivityAppFactory.PostFormAsync(client, "/account/password", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        });

    private ActivityAppFactory NewApp(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(database.ConnectionString, s_now, "acct-password", settings);

    private static async Task<string?> SecurityStampAsync(ActivityAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();

        return (await users.FindByEmailAsync(email))!.SecurityStamp;
    }
}
