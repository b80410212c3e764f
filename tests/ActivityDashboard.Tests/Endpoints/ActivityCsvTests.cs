using ActivityDashboard.Core.Activity;
using ActivityDashboard.Endpoints;

namespace ActivityDashboard.Tests.Endpoints;

public sealed class ActivityCsvTests
{
    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=a,\"b\"", "\"'=a,\"\"b\"\"\"")]
    [InlineData("a=b", "a=b")]
    public void Text_Value_IsNeutralisedThenQuoted(string value, string expected)
    {
        ActivityCsv.Text(value).Should().Be(expected);
    }

    [Fact]
    public void FileName_AccountWithUnsafeCharacters_UsesOnlySafeCharacters()
    {
        var query = new ActivityQuery(
            "team:ops@example.com",
            new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 5, 31, 12, 30, 15, TimeSpan.Zero),
            BucketStep.OneDay,
            "Europe/Berlin",
            Preset: null,
            ActivityGroupBy.None,
            Limit: 20,
            Offset: 0);

        ActivityCsv.FileName(query).Should().Be("activity-team_ops_example.com-20260501T000000Z-20260531T123015Z.csv");
    }
}
