using System.Text.RegularExpressions;

namespace ActivityDashboard.Core.Accounts;

/// <summary>What a billing-account id may look like: 1 to 128 of <c>A-Z a-z 0-9 . _ : @ -</c>.</summary>
public static partial class BillingAccountId
{
    public const int MaxLength = 128;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9._:@-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
