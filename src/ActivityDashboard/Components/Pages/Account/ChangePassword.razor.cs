using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ActivityDashboard.Components.Pages.Account;

public sealed partial class ChangePassword
{
    internal const string WrongCurrentMessage = "The current password is not right.";
    internal const string MismatchMessage = "The new password and its repetition differ.";
    internal const string MissingMessage = "Enter your current password and the new one twice.";
    internal const string SameMessage = "The new password is the current one. Choose a different one.";

    [Inject]
    public required UserManager<DashboardUser> UserManager { get; init; }

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "change-password")]
    public ChangePasswordForm? Input { get; set; }

    private string? ErrorMessage { get; set; }

    private bool Changed { get; set; }

    private string? UserName => HttpContext.User.Identity?.Name;

    protected override void OnInitialized()
    {
        // A GET has no form: start with empty fields. A POST binds the submitted ones.
        Input ??= new ChangePasswordForm();
    }

    private async Task ChangeAsync()
    {
        if (Input is null || string.IsNullOrEmpty(Input.CurrentPassword) || string.IsNullOrEmpty(Input.NewPassword))
        {
            ErrorMessage = MissingMessage;

            return;
        }

        if (!string.Equals(Input.NewPassword, Input.ConfirmPassword, StringComparison.Ordinal))
        {
            ErrorMessage = MismatchMessage;

            return;
        }

        // Nothing would change but the security stamp, which would sign every other session out for nothing.
        if (string.Equals(Input.NewPassword, Input.CurrentPassword, StringComparison.Ordinal))
        {
            ErrorMessage = SameMessage;

            return;
        }

        // The fallback policy let only signed-in users in; a user deleted since is sent to sign in again.
        var user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            await SignInManager.SignOutAsync();
            Navigation.NavigateTo("/account/sign-in");

            return;
        }

        var result = await UserManager.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            ErrorMessage = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? WrongCurrentMessage
                : string.Join(" ", result.Errors.Select(e => e.Description));

            return;
        }

        // The change renewed the security stamp, which ends every other session at its next check; this one gets a
        // cookie with the new stamp so it stays signed in.
        await SignInManager.RefreshSignInAsync(user);
        Input = new ChangePasswordForm();
        Changed = true;
    }
}
