namespace ActivityDashboard.Accounts;

/// <summary>Settings under <c>Accounts</c>: how often a signed-in session is checked against the database.</summary>
public sealed class AccountsSessionOptions
{
    public const string SectionName = "Accounts";

    /// <summary>
    /// How often a cookie session (at its next request) and an open page circuit re-check the user: disabled, password
    /// changed or sessions ended. One minute by default; zero re-checks every request (tests).
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Marks the session cookie Secure whatever the request's scheme. Set it when the app sits behind a proxy that ends
    /// TLS and forwards plain HTTP. False by default, which marks the cookie Secure only on HTTPS requests.
    /// </summary>
    public bool RequireSecureCookie { get; set; }
}
