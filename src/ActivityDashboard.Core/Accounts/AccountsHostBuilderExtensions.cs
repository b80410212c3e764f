using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActivityDashboard.Core.Accounts;

/// <summary>Registers users, roles and their database.</summary>
public static class AccountsHostBuilderExtensions
{
    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a lock-out lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Registers <see cref="AccountsDbContext"/> on <c>ConnectionStrings:Receipts</c>, ASP.NET Core Identity's user and
    /// role managers over it (passwords of at least 12 characters, lock-out after 5 failures for 15 minutes, unique
    /// e-mails), the claims factory adding the billing account, <see cref="AccountAdministration"/> and
    /// <see cref="AccountDirectory"/>.
    /// The web layer adds the sign-in manager and the cookie on top.
    /// </summary>
    public static IdentityBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // AddChargeReceipts has already refused a missing connection string with a message naming it.
        var connectionString = builder.Configuration.GetConnectionString("Receipts") ?? "";
        builder.Services.AddDbContextFactory<AccountsDbContext>(options => AccountsDbContext.UseAccountsDatabase(options, connectionString));

        var identity = builder.Services
            .AddIdentityCore<DashboardUser>(options =>
            {
                // Length over composition rules: a 12-character minimum, no forced symbol or digit.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddClaimsPrincipalFactory<DashboardClaimsPrincipalFactory>();
        builder.Services.AddScoped<AccountAdministration>();
        builder.Services.AddSingleton<ApiTokenService>();
        builder.Services.AddSingleton<AccountDirectory>();

        return identity;
    }
}
