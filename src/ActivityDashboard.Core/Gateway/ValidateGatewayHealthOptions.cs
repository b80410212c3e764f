using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Gateway;

/// <summary>The rule across <see cref="GatewayHealthOptions"/> fields that data annotations cannot say.</summary>
internal sealed class ValidateGatewayHealthOptions : IValidateOptions<GatewayHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return options.SlowThreshold < options.Timeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("GatewayHealth:SlowThreshold must be shorter than GatewayHealth:Timeout.");
    }
}
