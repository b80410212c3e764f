using System.Globalization;
using ActivityDashboard.Core.LiteLlm;

namespace ActivityDashboard.Tests.Core.LiteLlm;

public sealed class LiteLlmTimestampTests
{
    [Theory]
    [InlineData("2026-04-06T14:10:00", "2026-04-06T14:10:00.0000000Z")]
    [InlineData("2026-04-06T14:20:00Z", "2026-04-06T14:20:00.0000000Z")]
    [InlineData("2026-04-06t14:20:00z", "2026-04-06T14:20:00.0000000Z")]
    [InlineData("2026-04-06T14:50:00+00:00", "2026-04-06T14:50:00.0000000Z")]
    [InlineData("2026-04-06T09:55:00-05:00", "2026-04-06T14:55:00.0000000Z")]
    [InlineData("2026-06-02T00:00:00+05:30", "2026-06-01T18:30:00.0000000Z")]
    [InlineData("2026-09-18 10:41:17", "2026-09-18T10:41:17.0000000Z")]
    [InlineData("2026-09-18T10:41:17.0", "2026-09-18T10:41:17.0000000Z")]
    [InlineData("2026-09-18T10:41:17.086", "2026-09-18T10:41:17.0860000Z")]
    [InlineData("2026-09-18T10:41:17.086Z", "2026-09-18T10:41:17.0860000Z")]
    [InlineData("2026-09-18T10:41:17.086000+00:00", "2026-09-18T10:41:17.0860000Z")]
    [InlineData("2026-09-18T10:41:17.0860001", "2026-09-18T10:41:17.0860001Z")]
    [InlineData("2026-09-07T23:59:59.9", "2026-09-07T23:59:59.9000000Z")]
    [InlineData("2028-02-29T00:00:00", "2028-02-29T00:00:00.0000000Z")]
    public void TryParse_SupportedShape_GivesTheUtcInstant(string text, string expectedUtc)
    {
        var expected = DateTimeOffset.ParseExact(
            expectedUtc,
            "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);

        var parsed = LiteLlmTimestamp.TryParse(text, out var value);

        parsed.Should().BeTrue();
        value.Should().Be(expected);
        value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-date")]
    [InlineData("2026-06-05")]
    [InlineData("2026-06-05T10:00")]
    [InlineData("2026-02-30T10:00:00")]
    [InlineData("2026-13-01T10:00:00")]
    [InlineData("2026-06-05T24:00:00")]
    [InlineData("2026-06-05T10:60:00")]
    [InlineData("2026-06-05T10:00:60")]
    [InlineData("2026-06-05T10:00:00.")]
    [InlineData("2026-06-05T10:00:00.12345678")]
    [InlineData("2026-06-05T10:00:00+0500")]
    [InlineData("2026-06-05T10:00:00+05")]
    [InlineData("2026-06-05T10:00:00+15:00")]
    [InlineData("2026-06-05T10:00:00 Z")]
    [InlineData("2026-06-05X10:00:00")]
    [InlineData("2026/06/05T10:00:00")]
    [InlineData("２０２６-06-05T10:00:00")]
    [InlineData("0001-01-01T00:00:00+00:01")]
    public void TryParse_AnythingElse_Fails(string? text)
    {
        var parsed = LiteLlmTimestamp.TryParse(text, out _);

        parsed.Should().BeFalse();
    }
}
