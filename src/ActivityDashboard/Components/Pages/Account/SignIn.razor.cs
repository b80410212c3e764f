using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ActivityDashboard.Components.Pages.Account;

public sealed partial class SignIn
{
    // One message for every refusal: saying "locked" or "disabled" would tell a stranger that the address exists.
    internal const string FailureMessage =
        "Sign-in failed. Check the e-mail and password. After 5 failed attempts an account is locked for 15 minutes, "
        + "and a disabled account cannot sign in.";

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromForm(FormName = "sign-in")]
    public SignInForm? Input { get; set; }

    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    public string? ReturnUrl { get; set; }

    private string? ErrorMessage { get; set; }

    protected override void OnInitialized()
    {
        // A GET has no form: start with empty fields. A POST binds the submitted ones.
        Input ??= new SignInForm();
    }

    private async Task SignInAsync()
    {
        if (Input is null || string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            ErrorMessage = "Enter your e-mail and password.";

            return;
        }

        var result = await SignInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ErrorMessage = FailureMessage;

            return;
        }

        Navigation.NavigateTo(ReturnUrls.LocalOrDefault(ReturnUrl));
    }
}
