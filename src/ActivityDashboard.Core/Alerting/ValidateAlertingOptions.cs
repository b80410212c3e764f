using System.Globalization;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Alerting;

/// <summary>The rules for <see cref="AlertingOptions"/> that data annotations cannot say; collects every failure.</summary>
internal sealed class ValidateAlertingOptions : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            // The URL itself is not echoed: a webhook URL often carries its token in the path.
            if (!IsHttpAddress(options.Webhooks[i].Url))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Alerting:Webhooks:{i}:Url must be an absolute http:// or https:// address."));
            }
        }

        var names = options.Webhooks.Where(w => IsHttpAddress(w.Url)).GroupBy(w => w.DisplayName, StringComparer.Ordinal);
        foreach (var duplicate in names.Where(g => g.Count() > 1))
        {
            failures.Add($"Alerting:Webhooks has two webhooks called '{duplicate.Key}'; give them different Name values.");
        }

        if (options.Webhooks.Count > 0 && !IsHttpAddress(options.PublicBaseUrl))
        {
            failures.Add("Alerting:PublicBaseUrl is required when Alerting:Webhooks is set: an absolute http:// or https:// "
                + "address of the dashboard, for the alerts' link to the health page.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpAddress(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
