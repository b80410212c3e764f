namespace ActivityDashboard.Components.Pages.Account;

/// <summary>The fields of the password change form.</summary>
public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}
