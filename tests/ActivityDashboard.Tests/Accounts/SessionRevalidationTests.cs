using System.Net;
using System.Security.Claims;
using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>
/// Sessions re-checked against the database: the circuit's validation logic directly, and an existing cookie session
/// through the real app once the re-check interval has passed.
/// </summary>
public sealed class SessionRevalidationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IsStillValid_ActiveUser_IsValid()
    {
        await using var app = NewApp();
        await using var scope = app.Services.CreateAsyncScope();
        var (userManager, principal, _) = await SignedInPrincipalAsync(app, scope.ServiceProvider);

        (await RevalidatingAuthenticationStateProvider.IsStillValidAsync(userManager, principal)).Should().BeTrue();
    }

    [Fact]
    public async Task IsStillValid_UserDisabledSinceSignIn_IsNotValid()
    {
        await using var app = NewApp();
        await using var scope = app.Services.CreateAsyncScope();
        var (userManager, principal, user) = await SignedInPrincipalAsync(app, scope.ServiceProvider);

        // Only the flag, not the stamp: the flag alone must end the circuit.
        user.IsDisabled = true;
        (await userManager.UpdateAsync(user)).Succeeded.Should().BeTrue();

        (await RevalidatingAuthenticationStateProvider.IsStillValidAsync(userManager, principal)).Should().BeFalse();
    }

    [Fact]
    public async Task IsStillValid_SecurityStampChangedSinceSignIn_IsNotValid()
    {
        await using var app = NewApp();
        await using var scope = app.Services.CreateAsyncScope();
        var (userManager, principal, user) = await SignedInPrincipalAsync(app, scope.ServiceProvider);

        (await userManager.UpdateSecurityStampAsync(user)).Succeeded.Should().BeTrue();

        (await RevalidatingAuthenticationStateProvider.IsStillValidAsync(userManager, principal)).Should().BeFalse();
    }

    [Fact]
    public async Task IsStillValid_UserDeleted_IsNotValid()
    {
        await using var app = NewApp();
        await using var scope = app.Services.CreateAsyncScope();
        var (userManager, principal, user) = await SignedInPrincipalAsync(app, scope.ServiceProvider);

        (await userManager.DeleteAsync(user)).Succeeded.Should().BeTrue();

        (await RevalidatingAuthenticationStateProvider.IsStillValidAsync(userManager, principal)).Should().BeFalse();
    }

    [Fact]
    public async Task Api_UserDisabledAfterSignIn_LosesTheExistingCookieSessionAtTheNextRequest()
    {
        await using var app = NewApp(new Dictionary<string, string?> { ["Accounts:RevalidationInterval"] = "00:00:00" });
        var email = await app.CreateUserAsync();
        var client = app.CreateAnonymousClient();
        (await ActivityAppFactory.SignInAsync(client, email, ActivityAppFactory.Password)).Dispose();
        using var before = await client.GetAsync("/api/v1/activity?range=1h", Ct);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().DisableUserAsync(email);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var after = await client.GetAsync("/api/v1/activity?range=1h", Ct);
        using var page = await client.GetAsync("/activity", Ct);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        page.StatusCode.Should().Be(HttpStatusCode.Redirect, "the cookie was rejected and cleared");
    }

    [Fact]
    public async Task Start_NegativeRevalidationInterval_IsRefused()
    {
        await using var app = NewApp(new Dictionary<string, string?> { ["Accounts:RevalidationInterval"] = "-00:00:01" });

        var start = () => app.CreateAnonymousClient();

        start.Should().Throw<Exception>().Which.ToString().Should().Contain("Accounts:RevalidationInterval");
    }

    private static async Task<(UserManager<DashboardUser> UserManager, ClaimsPrincipal Principal, DashboardUser User)> SignedInPrincipalAsync(
        ActivityAppFactory app,
        IServiceProvider services)
    {
        var email = await app.CreateUserAsync();
        var userManager = services.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await userManager.FindByEmailAsync(email))!;
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<DashboardUser>>().CreateAsync(user);

        return (userManager, principal, user);
    }

    private ActivityAppFactory NewApp(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(database.ConnectionString, s_now, "acct-revalidate", settings);
}
