using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>
/// The rules for <see cref="LiteLlmOptions"/> that data annotations cannot say. Registered only in LiteLlm mode, so
/// every message names the setting and the mode that needs it. Collects every failure before returning.
/// </summary>
internal sealed class ValidateLiteLlmOptions : IValidateOptions<LiteLlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LiteLlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.BaseUrl is null)
        {
            failures.Add("LiteLlm:BaseUrl is required when UsageSource:Mode is LiteLlm (for example http://litellm:4000).");
        }
        else if (!options.BaseUrl.IsAbsoluteUri
            || (options.BaseUrl.Scheme != Uri.UriSchemeHttp && options.BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            // The value itself is not echoed: a URL may carry credentials in its user-info part.
            failures.Add("LiteLlm:BaseUrl must be an absolute http:// or https:// address.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("LiteLlm:ApiKey is required when UsageSource:Mode is LiteLlm (a proxy-admin or master key).");
        }
        else if (options.ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add("LiteLlm:ApiKey must not contain whitespace or control characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
