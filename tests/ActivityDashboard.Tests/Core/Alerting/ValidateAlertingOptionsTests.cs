using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.Gateway;

namespace ActivityDashboard.Tests.Core.Alerting;

public sealed class ValidateAlertingOptionsTests
{
    [Fact]
    public void Validate_NoWebhooks_Succeeds()
    {
        var result = new ValidateAlertingOptions().Validate(null, new AlertingOptions());

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_WebhookWithoutPublicBaseUrl_NamesTheSetting()
    {
        var options = new AlertingOptions { Webhooks = [new WebhookOptions { Url = new Uri("https://hooks.example.test/t") }] };

        var result = new ValidateAlertingOptions().Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().StartWith("Alerting:PublicBaseUrl is required when Alerting:Webhooks is set");
    }

    [Fact]
    public void Validate_BadUrlAndDuplicateNames_CollectsEveryFailureWithoutEchoingTheUrl()
    {
        var options = new AlertingOptions
        {
            PublicBaseUrl = new Uri("https://dashboard.example.test/"),
            Webhooks =
            [
                new WebhookOptions { Url = new Uri("ftp://hooks.example.test/secret-path-token") },
                new WebhookOptions { Url = new Uri("https://hooks.example.test/one") },
                new WebhookOptions { Url = new Uri("https://hooks.example.test/two") },
            ],
        };

        var result = new ValidateAlertingOptions().Validate(null, options);

        result.Failures.Should().Equal(
            "Alerting:Webhooks:0:Url must be an absolute http:// or https:// address.",
            "Alerting:Webhooks has two webhooks called 'hooks.example.test'; give them different Name values.");
        result.FailureMessage.Should().NotContain("secret-path-token");
    }

    [Fact]
    public void ValidateGatewayHealth_SlowThresholdNotBelowTimeout_NamesBothSettings()
    {
        var options = new GatewayHealthOptions { SlowThreshold = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(10) };

        var result = new ValidateGatewayHealthOptions().Validate(null, options);

        result.Failures.Should().Equal("GatewayHealth:SlowThreshold must be shorter than GatewayHealth:Timeout.");
    }
}
