using System.Globalization;
using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Tests.Core.Activity;

public sealed class MoneyFormatterTests
{
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo s_german = CultureInfo.GetCultureInfo("de-DE");

    [Theory]
    [InlineData("1234.5777042", "$1,234.58")]
    [InlineData("987654.24", "$987,654.24")]
    [InlineData("1.005", "$1.01")]
    [InlineData("2.675", "$2.68")]
    [InlineData("0.01", "$0.01")]
    [InlineData("0.015", "$0.02")]
    [InlineData("0.0099999", "$0.01")]
    [InlineData("0.009999", "$0.009999")]
    [InlineData("0.0049", "$0.0049")]
    [InlineData("0.005", "$0.005")]
    [InlineData("0.0417", "$0.04")]
    [InlineData("0.00123456", "$0.001235")]
    [InlineData("0.00012345", "$0.0001235")]
    [InlineData("0.0001", "$0.0001")]
    [InlineData("0.0000999", "<$0.0001")]
    [InlineData("0.0000042", "<$0.0001")]
    [InlineData("0", "$0")]
    [InlineData("0.0000", "$0")]
    [InlineData("-1.5", "-$1.50")]
    [InlineData("-0.0049", "-$0.0049")]
    public void Format_EnglishCulture_FollowsTheDisplayRules(string amount, string expected)
    {
        MoneyFormatter.Format(Parse(amount), s_english).Should().Be(expected);
    }

    [Theory]
    [InlineData("1234.5777042", "$1.234,58")]
    [InlineData("1.005", "$1,01")]
    [InlineData("0.0049", "$0,0049")]
    [InlineData("0.0000042", "<$0.0001")]
    [InlineData("0", "$0")]
    [InlineData("-1.5", "-$1,50")]
    public void Format_GermanCulture_UsesItsSeparatorsAndLeadingDollar(string amount, string expected)
    {
        MoneyFormatter.Format(Parse(amount), s_german).Should().Be(expected);
    }

    [Fact]
    public void Format_Missing_ShowsDashNeverZero()
    {
        MoneyFormatter.Format(null, s_english).Should().Be("—");
    }

    [Fact]
    public void Format_TinyAmount_IsDistinctFromZero()
    {
        MoneyFormatter.Format(0.0000042m, s_english).Should().NotBe(MoneyFormatter.Format(0m, s_english));
    }

    [Theory]
    [InlineData("0.0010230", "0.001023")]
    [InlineData("1234.5678", "1234.5678")]
    [InlineData("987654.2400", "987654.24")]
    [InlineData("100", "100")]
    [InlineData("100.00", "100")]
    [InlineData("0.00", "0")]
    [InlineData("-1.50", "-1.5")]
    [InlineData("0.0000000001", "0.0000000001")]
    [InlineData("0.0000042", "0.0000042")]
    public void FormatInvariant_Amount_WritesTheExactDecimalWithoutTrailingZeros(string amount, string expected)
    {
        MoneyFormatter.FormatInvariant(Parse(amount)).Should().Be(expected);
    }

    [Fact]
    public void FormatInvariant_PointOnePlusPointTwo_IsExactlyPointThree()
    {
        MoneyFormatter.FormatInvariant(0.1m + 0.2m).Should().Be("0.3");
    }

    [Fact]
    public void FormatInvariant_UnderAnotherCurrentCulture_StaysInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = s_german;
        try
        {
            MoneyFormatter.FormatInvariant(1234.5m).Should().Be("1234.5");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("0.017186", "en-US", "$0.017186")]
    [InlineData("0.008593", "en-US", "$0.008593")]
    [InlineData("1234.5", "en-US", "$1,234.50")]
    [InlineData("1234.5", "de-DE", "$1.234,50")]
    [InlineData("0.0000004", "en-US", "$0.0000004")]
    [InlineData("2", "en-US", "$2.00")]
    [InlineData("0.1234567890123456789", "en-US", "$0.1234567890123456789")]
    [InlineData("-0.0051", "en-US", "-$0.0051")]
    [InlineData("0", "en-US", "$0")]
    public void FormatExact_KeepsEverySignificantDigit(string amount, string culture, string expected)
    {
        MoneyFormatter.FormatExact(Parse(amount), CultureInfo.GetCultureInfo(culture)).Should().Be(expected);
    }

    [Fact]
    public void FormatExact_Missing_IsTheDash()
    {
        MoneyFormatter.FormatExact(null, CultureInfo.InvariantCulture).Should().Be("—");
    }

    private static decimal Parse(string amount) => decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
}
