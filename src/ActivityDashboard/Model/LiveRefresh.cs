namespace ActivityDashboard.Model;

/// <summary>
/// The clock of the live last-hour view (spec section 8): while started and not paused it calls the refresh every
/// <see cref="Interval"/> on the injected <see cref="TimeProvider"/>. Stopping, pausing or disposing ends the timer,
/// and a tick that was already on its way when that happened is dropped.
/// </summary>
/// <remarks>
/// The refresh is called from the timer's thread and must not throw: a component passes a callback that hops onto
/// its renderer (<c>InvokeAsync</c>) and reports its own failures.
/// </remarks>
public sealed class LiveRefresh(TimeProvider timeProvider, Func<Task> refreshAsync) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private ITimer? _timer;

    // Every arm and disarm moves this on, so a tick of an earlier timer can tell it is no longer wanted.
    private long _generation;
    private bool _disposed;

    /// <summary>True while the live view is shown (between <see cref="Start"/> and <see cref="Stop"/>).</summary>
    public bool IsActive { get; private set; }

    /// <summary>True after <see cref="Pause"/> until <see cref="ResumeAsync"/>; kept across stop and start.</summary>
    public bool IsPaused { get; private set; }

    /// <summary>True while a timer is armed: active, not paused, not disposed.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _timer is not null;
            }
        }
    }

    /// <summary>Starts refreshing every <see cref="Interval"/> unless paused. Calling it again keeps the running timer.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_disposed || IsActive)
            {
                return;
            }

            IsActive = true;
            ArmLocked();
        }
    }

    /// <summary>Ends refreshing: the view left the last hour.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            IsActive = false;
            DisarmLocked();
        }
    }

    public void Pause()
    {
        lock (_lock)
        {
            IsPaused = true;
            DisarmLocked();
        }
    }

    /// <summary>Refreshes at once (when active) and starts a new interval from now.</summary>
    public Task ResumeAsync()
    {
        lock (_lock)
        {
            if (_disposed || !IsPaused)
            {
                return Task.CompletedTask;
            }

            IsPaused = false;
            if (!IsActive)
            {
                return Task.CompletedTask;
            }

            ArmLocked();
        }

        return refreshAsync();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            IsActive = false;
            DisarmLocked();
        }
    }

    private void ArmLocked()
    {
        if (_disposed || !IsActive || IsPaused)
        {
            return;
        }

        DisarmLocked();
        _timer = timeProvider.CreateTimer(OnTick, _generation, Interval, Interval);
    }

    private void DisarmLocked()
    {
        _generation++;
        _timer?.Dispose();
        _timer = null;
    }

    private void OnTick(object? state)
    {
        lock (_lock)
        {
            if (_timer is null || (long)state! != _generation)
            {
                return;
            }
        }

        _ = refreshAsync();
    }
}
