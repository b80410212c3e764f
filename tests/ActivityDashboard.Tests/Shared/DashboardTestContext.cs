using System.Security.Claims;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using ActivityDashboard.Model;
using ActivityDashboard.Telemetry;
using ActivityDashboard.Tests.Shared.Postgres;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Shared;

/// <summary>
/// The bUnit context every page test derives from: MudBlazor services with transitions off, loose JS interop, a fake
/// clock, the fake usage source, and the real receipts store on a real PostgreSQL database.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext(PostgresDatabase database, DateTimeOffset now, UsageSourceMode mode = UsageSourceMode.LiteLlm)
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;

        Clock = new FakeTimeProvider(now);
        Usage = new FakeUsageAdapter(Clock);
        AccountId = "acct-" + Guid.NewGuid().ToString("N")[..8];

        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IActivityUsagePort>(Usage);
        Services.AddDbContextFactory<ActivityDbContext>(options => options.UseNpgsql(database.ConnectionString));
        Services.AddSingleton<IChargeReceiptStore, ChargeReceiptStore>();
        Services.AddDbContextFactory<AccountsDbContext>(
            options => AccountsDbContext.UseAccountsDatabase(options, database.ConnectionString));
        Services.AddSingleton<AccountDirectory>();
        Services.AddSingleton<ActivityService>();
        Services.AddMetrics();
        Services.AddSingleton<ActivityRequestMetrics>();
        Services.AddTransient<OperatorAccountChoices>();
        Services.AddTransient<ActivityViewModel>();
        Services.AddSingleton(Options.Create(new BillingOptions()));
        Services.AddSingleton(Options.Create(new UsageSourceOptions { Mode = mode }));

        // The page reads the account from the signed-in user, as in the app.
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("viewer@example.test");
        Authorization.SetClaims(new Claim(DashboardClaimTypes.BillingAccount, AccountId));
    }

    /// <summary>The signed-in user: a plain user of <see cref="AccountId"/> unless a test changes it.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>A fresh account per test, so tests sharing a database never see each other's receipts.</summary>
    protected string AccountId { get; }

    protected FakeTimeProvider Clock { get; }

    protected FakeUsageAdapter Usage { get; }

    protected Task AddReceiptsAsync(params ChargeReceipt[] receipts) =>
        Services.GetRequiredService<IChargeReceiptStore>().AddAsync(receipts, Xunit.TestContext.Current.CancellationToken);
}
