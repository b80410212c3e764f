using ActivityDashboard.Core.LiteLlm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Tests.Core.LiteLlm;

public sealed class ValidateLiteLlmOptionsTests
{
    [Fact]
    public void Validate_ValidBaseline_Succeeds()
    {
        var result = new ValidateLiteLlmOptions().Validate(null, Baseline());

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_NoBaseUrl_NamesTheSettingAndTheMode()
    {
        var options = Baseline();
        options.BaseUrl = null;

        var result = new ValidateLiteLlmOptions().Validate(null, options);

        result.Failures.Should().Equal(
            "LiteLlm:BaseUrl is required when UsageSource:Mode is LiteLlm (for example http://litellm:4000).");
    }

    [Theory]
    [InlineData("/litellm")]
    [InlineData("ftp://litellm:4000")]
    [InlineData("litellm:4000")]
    public void Validate_BaseUrlNotAbsoluteHttp_SaysItMustBe(string baseUrl)
    {
        var options = Baseline();
        options.BaseUrl = new Uri(baseUrl, UriKind.RelativeOrAbsolute);

        var result = new ValidateLiteLlmOptions().Validate(null, options);

        result.Failures.Should().Equal("LiteLlm:BaseUrl must be an absolute http:// or https:// address.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoApiKey_NamesTheSettingAndTheMode(string? apiKey)
    {
        var options = Baseline();
        options.ApiKey = apiKey;

        var result = new ValidateLiteLlmOptions().Validate(null, options);

        result.Failures.Should().Equal("LiteLlm:ApiKey is required when UsageSource:Mode is LiteLlm (a proxy-admin or master key).");
    }

    [Fact]
    public void Validate_ApiKeyWithANewline_SaysWhatIsWrongWithoutEchoingIt()
    {
        var options = Baseline();
        options.ApiKey = "sk-master\n";

        var result = new ValidateLiteLlmOptions().Validate(null, options);

        result.Failures.Should().Equal("LiteLlm:ApiKey must not contain whitespace or control characters.");
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var options = new LiteLlmOptions();

        var result = new ValidateLiteLlmOptions().Validate(null, options);

        result.Failures.Should().HaveCount(2);
        result.FailureMessage.Should().Contain("LiteLlm:BaseUrl").And.Contain("LiteLlm:ApiKey");
    }

    [Fact]
    public async Task AddLiteLlmUsageAdapter_MissingSettings_FailsAtStartWithEveryMessage()
    {
        // Arrange: a host as the app builds it, with an out-of-range page size and no URL or key.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LiteLlm:PageSize"] = "0" });
        builder.Services.AddLiteLlmUsageAdapter();
        using var host = builder.Build();

        // Act
        var act = () => host.StartAsync(TestContext.Current.CancellationToken);

        // Assert
        var thrown = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        thrown.Failures.Should().Contain(f => f.StartsWith("LiteLlm:BaseUrl is required", StringComparison.Ordinal));
        thrown.Failures.Should().Contain(f => f.StartsWith("LiteLlm:ApiKey is required", StringComparison.Ordinal));
        thrown.Failures.Should().Contain(f => f.Contains("PageSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddLiteLlmUsageAdapter_ValidSettings_StartsAndBindsThem()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiteLlm:BaseUrl"] = "http://litellm:4000",
            ["LiteLlm:ApiKey"] = "sk-master",
            ["LiteLlm:Timeout"] = "00:00:05",
            ["LiteLlm:PageSize"] = "100",
        });
        builder.Services.AddLiteLlmUsageAdapter();
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);

        var options = host.Services.GetRequiredService<IOptions<LiteLlmOptions>>().Value;
        options.BaseUrl.Should().Be(new Uri("http://litellm:4000"));
        options.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        options.PageSize.Should().Be(100);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static LiteLlmOptions Baseline() => new()
    {
        BaseUrl = new Uri("http://litellm:4000"),
        ApiKey = "sk-master-0123456789",
    };
}
