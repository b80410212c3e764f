using System.Text.RegularExpressions;
using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Demo;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>The demo's users against a real PostgreSQL: created once, new passwords (and no lock-out) on every start.</summary>
public sealed partial class DemoUserSeederTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_Twice_KeepsOneUserPerAccountAndOneOperatorAndPrintsWorkingNewPasswords()
    {
        // Arrange
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now, "acct-demo-seeder");
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var seeder = new DemoUserSeeder(app.Services.GetRequiredService<IServiceScopeFactory>(), loggerFactory.CreateLogger<DemoUserSeeder>());
        string[] emails = [DemoUserSeeder.OperatorEmail, .. DemoUsageGenerator.AccountIds.Select(DemoUserSeeder.UserEmail)];

        // Act: start, lock one user out and disable another, start again.
        await seeder.StartAsync(Ct);
        var first = Credentials(logs.Entries.Single(e => e.EventId.Id == 6100).Message);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var locked = (await userManager.FindByEmailAsync(emails[1]))!;
            (await userManager.SetLockoutEndDateAsync(locked, s_now.AddYears(1))).Succeeded.Should().BeTrue();
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().DisableUserAsync(emails[2]);
        }

        await seeder.StartAsync(Ct);
        var blocks = logs.Entries.Where(e => e.EventId.Id == 6100).Select(e => e.Message).ToList();
        var second = Credentials(blocks[1]);

        // Assert
        blocks.Should().HaveCount(2);
        foreach (var email in emails)
        {
            blocks.Should().AllSatisfy(block => block.Should().Contain(email));
        }

        first.Keys.Should().BeEquivalentTo(emails);
        second.Keys.Should().BeEquivalentTo(emails);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = await scope.ServiceProvider.GetRequiredService<AccountAdministration>().ListUsersAsync(Ct);
            users.Select(u => u.Email).Should().BeEquivalentTo(emails, "the second start created no duplicates");
            users.Where(u => u.IsOperator).Select(u => u.Email).Should().Equal(DemoUserSeeder.OperatorEmail);
            users.Single(u => u.IsOperator).BillingAccountId.Should().Be(DemoUserSeeder.OperatorAccount);
            users.Where(u => !u.IsOperator).Select(u => u.Email)
                .Should().BeEquivalentTo(DemoUsageGenerator.AccountIds.Select(DemoUserSeeder.UserEmail));

            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            foreach (var email in emails)
            {
                var user = (await userManager.FindByEmailAsync(email))!;
                second[email].Should().NotBe(first[email], "every start issues a new password");
                (await userManager.CheckPasswordAsync(user, second[email])).Should().BeTrue(email);
                (await userManager.CheckPasswordAsync(user, first[email])).Should().BeFalse(email);
                (await userManager.IsLockedOutAsync(user)).Should().BeFalse($"{email}: a start lifts a lock-out");
                user.IsDisabled.Should().BeFalse($"{email}: a start enables a disabled demo user again");
            }
        }
    }

    private static Dictionary<string, string> Credentials(string block) =>
        CredentialLine().Matches(block).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^\s+(\S+@demo\.example)\s+(\S+)\s", RegexOptions.Multiline)]
    private static partial Regex CredentialLine();
}
