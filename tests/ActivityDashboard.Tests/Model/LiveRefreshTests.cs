using ActivityDashboard.Model;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Model;

public sealed class LiveRefreshTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero));
    private int _refreshes;

    [Fact]
    public void Start_ThirtySecondsPass_RefreshesOncePerInterval()
    {
        using var live = NewLiveRefresh();

        live.Start();
        _clock.Advance(TimeSpan.FromSeconds(29));
        _refreshes.Should().Be(0);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _refreshes.Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(60));

        _refreshes.Should().Be(3);
        live.IsRunning.Should().BeTrue();
    }

    [Fact]
    public void Start_CalledAgain_KeepsTheRunningInterval()
    {
        using var live = NewLiveRefresh();
        live.Start();
        _clock.Advance(TimeSpan.FromSeconds(20));

        live.Start();
        _clock.Advance(TimeSpan.FromSeconds(10));

        _refreshes.Should().Be(1, "a second Start must not push the next refresh back");
    }

    [Fact]
    public void Pause_MinutePasses_NoRefresh()
    {
        using var live = NewLiveRefresh();
        live.Start();

        live.Pause();
        _clock.Advance(TimeSpan.FromSeconds(60));

        _refreshes.Should().Be(0);
        live.IsPaused.Should().BeTrue();
        live.IsRunning.Should().BeFalse();
    }

    [Fact]
    public async Task ResumeAsync_AfterPause_RefreshesAtOnceAndRestartsTheInterval()
    {
        using var live = NewLiveRefresh();
        live.Start();
        _clock.Advance(TimeSpan.FromSeconds(20));
        live.Pause();

        await live.ResumeAsync();
        _refreshes.Should().Be(1, "resuming refreshes at once");
        _clock.Advance(TimeSpan.FromSeconds(29));
        _refreshes.Should().Be(1, "the interval starts again at the resume");
        _clock.Advance(TimeSpan.FromSeconds(1));

        _refreshes.Should().Be(2);
    }

    [Fact]
    public async Task ResumeAsync_NotActive_DoesNotRefresh()
    {
        using var live = NewLiveRefresh();
        live.Pause();

        await live.ResumeAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));

        _refreshes.Should().Be(0, "the view is not the live one");
        live.IsPaused.Should().BeFalse();
    }

    [Fact]
    public void Stop_MinutePasses_NoRefresh()
    {
        using var live = NewLiveRefresh();
        live.Start();

        live.Stop();
        _clock.Advance(TimeSpan.FromSeconds(60));

        _refreshes.Should().Be(0);
        live.IsActive.Should().BeFalse();
    }

    [Fact]
    public void Dispose_ThenStartAndTime_NeverRefreshes()
    {
        var live = NewLiveRefresh();
        live.Start();

        live.Dispose();
        live.Start();
        _clock.Advance(TimeSpan.FromMinutes(5));

        _refreshes.Should().Be(0);
        live.IsRunning.Should().BeFalse();
    }

    private LiveRefresh NewLiveRefresh() => new(_clock, () =>
    {
        Interlocked.Increment(ref _refreshes);

        return Task.CompletedTask;
    });
}
