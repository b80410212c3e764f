using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Demo;
using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Core.Demo;

public sealed class DemoSeederTests
{
    private static readonly DemoUsageGenerator s_generator = new(1.2m, 10_000_000);

    // One second before a 5-minute boundary, with calls in flight.
    private static readonly DateTimeOffset s_now = new(2026, 3, 4, 15, 4, 59, TimeSpan.Zero);

    [Fact]
    public void Slice_ConsecutiveMinutes_AddUpToOneSliceWithoutGapsOrRepeats()
    {
        var start = s_now.AddHours(-3);

        var whole = DemoSeeder.Slice(s_generator, "acme-corp", start, s_now);
        var pieces = Enumerable.Range(0, 180)
            .Select(i => DemoSeeder.Slice(s_generator, "acme-corp", start.AddMinutes(i), start.AddMinutes(i + 1)))
            .ToList();

        whole.Events.Should().NotBeEmpty();
        pieces.SelectMany(p => p.Events).Select(e => e.CallId).Should().BeEquivalentTo(whole.Events.Select(e => e.CallId));
        pieces.SelectMany(p => p.Receipts).Select(r => r.SourceReference)
            .Should().OnlyHaveUniqueItems().And.BeEquivalentTo(whole.Receipts.Select(r => r.SourceReference));
    }

    [Fact]
    public void Slice_UpToNow_HoldsNoCallStillRunningAndNoReceiptNotYetWritten()
    {
        // Arrange: "now" falls inside a call, and between another call's end and its receipt.
        var recent = s_generator.Generate("globex", s_now.AddHours(-1), s_now);
        var running = recent.Events.First(e => e.EndTime - e.StartTime > TimeSpan.FromSeconds(2));
        var now = running.StartTime.AddSeconds(1);
        var unwritten = recent.Receipts.First(r => r.CreatedAt > now.AddSeconds(1));

        // Act
        var slice = DemoSeeder.Slice(s_generator, "globex", now.AddHours(-2), now);

        // Assert
        slice.Events.Should().NotBeEmpty().And.OnlyContain(e => e.EndTime < now);
        slice.Events.Should().NotContain(e => e.CallId == running.CallId);
        slice.Receipts.Should().NotBeEmpty().And.OnlyContain(r => r.CreatedAt < now);
        slice.Receipts.Should().NotContain(r => r.SourceReference == unwritten.SourceReference);
    }

    [Fact]
    public void Slice_InitialHistoryForThreeAccounts_HasUniqueIds()
    {
        var slices = DemoUsageGenerator.AccountIds
            .Select(a => DemoSeeder.Slice(s_generator, a, s_now - DemoSeeder.History, s_now))
            .ToList();

        slices.Sum(s => s.Events.Count).Should().BeGreaterThan(40_000);

        // Over ~50,000 slots the 32-bit slot seeds do collide; ids must stay unique all the same.
        slices.SelectMany(s => s.Events).Select(e => e.CallId).Should().OnlyHaveUniqueItems();
        slices.SelectMany(s => s.Receipts).Select(r => r.Id).Should().OnlyHaveUniqueItems();
        slices.SelectMany(s => s.Receipts).Select(r => r.SourceReference).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Accounts_Always_AreTheDemoAccounts()
    {
        DemoSeeder.Accounts().Should().Equal("acme-corp", "globex", "initech");
    }

    [Fact]
    public void AddDemoUsage_Registrations_ServeTheOneFakeAsThePortAndSeedIt()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(s_now));
        services.AddSingleton<IChargeReceiptStore>(new UnusedStore());
        services.AddOptions<BillingOptions>().Configure(o => o.Markup = 1.5m);

        services.AddDemoUsage();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IActivityUsagePort>().Should().BeSameAs(provider.GetRequiredService<FakeUsageAdapter>());
        provider.GetServices<IHostedService>().Should().ContainSingle(s => s is DemoSeeder);
        provider.GetRequiredService<DemoUsageGenerator>().Should().NotBeNull();
    }

    private sealed class UnusedStore : IChargeReceiptStore
    {
        public Task<int> AddAsync(IReadOnlyCollection<ChargeReceipt> receipts, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not used by this test.");

        public Task<IReadOnlyList<ReceiptRecord>> GetByCreatedAtAsync(
            string accountId,
            DateTimeOffset from,
            DateTimeOffset to,
            CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not used by this test.");
    }
}
