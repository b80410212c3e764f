namespace ActivityDashboard.Accounts;

/// <summary>Where to go after signing in: only a path on this site, never another host.</summary>
public static class ReturnUrls
{
    public const string Default = "/activity";

    public static string LocalOrDefault(string? returnUrl)
    {
        // "/x" is local; "//host" and "/\host" are protocol-relative to another host; anything else is absolute.
        if (string.IsNullOrEmpty(returnUrl)
            || returnUrl[0] != '/'
            || (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
            || returnUrl.Any(char.IsControl))
        {
            return Default;
        }

        return returnUrl;
    }
}
