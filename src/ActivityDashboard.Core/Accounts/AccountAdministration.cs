using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ActivityDashboard.Core.Accounts;

/// <summary>
/// Creates, lists and disables dashboard users: the work behind the <c>users</c> commands and the demo's users.
/// Scoped (it holds Identity's scoped managers).
/// </summary>
public sealed class AccountAdministration(UserManager<DashboardUser> userManager, RoleManager<IdentityRole> roleManager)
{
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int GeneratedPasswordLength = 20;

    /// <summary>Creates a user of <paramref name="accountId"/>; returns the password (generated unless given).</summary>
    /// <exception cref="AccountAdministrationException">A bad e-mail or account, a duplicate, or a weak password.</exception>
    public async Task<string> AddUserAsync(string? email, string? accountId, bool isOperator, string? password)
    {
        var address = RequireEmail(email);
        if (string.IsNullOrEmpty(accountId))
        {
            throw new AccountAdministrationException("An account is required (--account A).");
        }

        if (!BillingAccountId.IsValid(accountId))
        {
            throw new AccountAdministrationException(
                $"The account '{accountId}' is not valid: use 1 to 128 of the characters A-Z a-z 0-9 . _ : @ -.");
        }

        if (await userManager.FindByEmailAsync(address) is not null)
        {
            throw new AccountAdministrationException($"A user with the e-mail {address} already exists.");
        }

        password ??= GeneratePassword();
        var user = new DashboardUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            BillingAccountId = accountId,
        };
        Check(await userManager.CreateAsync(user, password), "The user could not be created");
        if (isOperator)
        {
            await EnsureRoleAsync(DashboardRoles.Operator);
            Check(await userManager.AddToRoleAsync(user, DashboardRoles.Operator), "The Operator role could not be given");
        }

        return password;
    }

    /// <summary>Every user, ordered by e-mail.</summary>
    public async Task<IReadOnlyList<DashboardUserSummary>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var users = await userManager.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        var operators = (await userManager.GetUsersInRoleAsync(DashboardRoles.Operator)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);

        return users
            .Select(u => new DashboardUserSummary(u.Email ?? u.UserName ?? u.Id, u.BillingAccountId, operators.Contains(u.Id), u.IsDisabled))
            .ToList();
    }

    /// <summary>Stops a user from signing in and ends their sessions at the next security-stamp check.</summary>
    /// <exception cref="AccountAdministrationException">A bad e-mail, or no such user.</exception>
    public async Task DisableUserAsync(string? email)
    {
        var address = RequireEmail(email);
        var user = await userManager.FindByEmailAsync(address)
            ?? throw new AccountAdministrationException($"No user has the e-mail {address}.");

        user.IsDisabled = true;
        Check(await userManager.UpdateAsync(user), "The user could not be disabled");
        Check(await userManager.UpdateSecurityStampAsync(user), "The user's sessions could not be ended");
    }

    /// <summary>
    /// Makes sure the user exists with this account and role, enabled and not locked out, and gives it a fresh random
    /// password, which is returned (the demo's users: their passwords cannot be read back, so each start issues new ones).
    /// </summary>
    public async Task<string> EnsureUserWithNewPasswordAsync(string email, string accountId, bool isOperator)
    {
        var user = await userManager.FindByEmailAsync(email);
        if (user is null)
        {
            return await AddUserAsync(email, accountId, isOperator, password: null);
        }

        var password = GeneratePassword();
        Check(await userManager.RemovePasswordAsync(user), "The old password could not be removed");
        Check(await userManager.AddPasswordAsync(user, password), "The new password could not be set");
        Check(await userManager.ResetAccessFailedCountAsync(user), "The failed sign-in count could not be reset");
        Check(await userManager.SetLockoutEndDateAsync(user, null), "The lock-out could not be lifted");

        // A demo user disabled while someone tried the product is usable again after a restart, like a locked-out one.
        if (user.IsDisabled)
        {
            user.IsDisabled = false;
            Check(await userManager.UpdateAsync(user), "The user could not be enabled again");
        }

        return password;
    }

    /// <summary>A random password of 20 letters and digits (about 117 bits).</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength);

    private async Task EnsureRoleAsync(string role)
    {
        if (!await roleManager.RoleExistsAsync(role))
        {
            Check(await roleManager.CreateAsync(new IdentityRole(role)), $"The role {role} could not be created");
        }
    }

    private static string RequireEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new AccountAdministrationException("An e-mail address is required (--email E).");
        }

        if (!MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal))
        {
            throw new AccountAdministrationException($"'{email}' is not an e-mail address.");
        }

        return email;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new AccountAdministrationException(what + ": " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
