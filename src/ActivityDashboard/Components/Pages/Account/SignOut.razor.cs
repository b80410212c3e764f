using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ActivityDashboard.Components.Pages.Account;

public sealed partial class SignOut
{
    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private async Task SignOutAsync()
    {
        await SignInManager.SignOutAsync();
        Navigation.NavigateTo("/account/sign-in");
    }
}
