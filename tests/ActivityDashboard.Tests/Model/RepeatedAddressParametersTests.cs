using ActivityDashboard.Model;

namespace ActivityDashboard.Tests.Model;

public sealed class RepeatedAddressParametersTests
{
    [Theory]
    [InlineData("http://host/activity?range=24h&range=7d", "range", "24h", "24h,7d")]
    [InlineData("http://host/activity?tz=UTC&range=1h&tz=Asia%2FKolkata", "tz", "UTC", "UTC,Asia/Kolkata")]
    [InlineData("http://host/activity?range=24h", "range", "24h", "24h")]
    [InlineData("http://host/activity?range=24h", "step", null, null)]
    [InlineData("http://host/activity", "range", null, null)]
    public void Read_AddressGivesTheParameter_OnceKeepsTheSuppliedValueTwiceJoinsThem(
        string uri, string name, string? supplied, string? expected) =>
        RepeatedAddressParameters.Read(uri, name, supplied).Should().Be(expected);
}
