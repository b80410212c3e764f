namespace ActivityDashboard.Components.Pages.Account;

/// <summary>The fields of the sign-in form.</summary>
public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
