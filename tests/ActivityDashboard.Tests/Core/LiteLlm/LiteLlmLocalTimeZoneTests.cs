using System.Globalization;
using System.Reflection;
using ActivityDashboard.Core.LiteLlm;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;

namespace ActivityDashboard.Tests.Core.LiteLlm;

/// <summary>
/// Runs the adapter with the process's local zone switched to America/Chicago (as if started with
/// TZ=America/Chicago), without a subprocess: the runtime's cached local zone is replaced for the duration of each
/// test. The collection runs alone, after every parallel test, so no other test sees the switched zone.
/// </summary>
[Collection(nameof(LocalTimeZoneCollection))]
public sealed class LiteLlmLocalTimeZoneTests
{
    [Fact]
    public void TryParse_ServerInChicago_ReadsAnOffsetlessTimestampAsUtc()
    {
        using var chicago = LocalTimeZoneScope.Switch("America/Chicago");

        var parsed = LiteLlmTimestamp.TryParse("2026-04-06T14:10:00", out var value);

        // The trap this guards against: the same text read as local time lands five hours later.
        DateTime.Parse("2026-04-06T14:10:00", CultureInfo.InvariantCulture).ToUniversalTime().Hour.Should().Be(19);
        parsed.Should().BeTrue();
        value.Should().Be(new DateTimeOffset(2026, 4, 6, 14, 10, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task GetUsageAsync_ServerInChicago_KeepsTheOffsetlessRowInTheLastHour()
    {
        // Arrange
        using var chicago = LocalTimeZoneScope.Switch("America/Chicago");
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await LiteLlmStubServer.StartAsync(ct);
        var from = new DateTimeOffset(2026, 4, 6, 14, 0, 0, TimeSpan.Zero);
        stub.FormatTimestamp = LiteLlmStubTimestamps.NoOffset;
        stub.Add("cust_4821", TestData.UsageEvent(callId: "r1", at: from.AddMinutes(10), spend: 0.10m));
        await using var host = LiteLlmTestHost.Create(stub);

        // Act
        var result = await host.Port.GetUsageAsync("cust_4821", from, from.AddHours(1), ct);

        // Assert
        result.Should().ContainSingle().Which.StartTime.Should().Be(from.AddMinutes(10));
    }
}

[CollectionDefinition(nameof(LocalTimeZoneCollection), DisableParallelization = true)]
public sealed class LocalTimeZoneCollection
{
}

/// <summary>Replaces <see cref="TimeZoneInfo.Local"/> until disposed, through the runtime's private cache.</summary>
internal sealed class LocalTimeZoneScope : IDisposable
{
    private LocalTimeZoneScope()
    {
    }

    public static LocalTimeZoneScope Switch(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        TimeZoneInfo.ClearCachedData();
        var cachedData = typeof(TimeZoneInfo).GetField("s_cachedData", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException("TimeZoneInfo.s_cachedData not found; this runtime caches the local zone differently.");
        var localField = cachedData.GetType().GetField("_localTimeZone", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("CachedData._localTimeZone not found; this runtime caches the local zone differently.");
        localField.SetValue(cachedData, zone);
        if (TimeZoneInfo.Local.Id != zone.Id)
        {
            throw new InvalidOperationException("Switching the local time zone did not take effect.");
        }

        return new LocalTimeZoneScope();
    }

    public void Dispose() => TimeZoneInfo.ClearCachedData();
}
