using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>Keeps every log entry at every level, so tests can assert what was (and was not) logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            var message = formatter(state, exception);
            entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, message, properties, exception?.ToString()));
        }
    }
}

/// <summary>One captured log entry; <see cref="Properties"/> holds the structured values, <see cref="Exception"/> its full text.</summary>
public sealed record CapturedLogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    string Properties,
    string? Exception)
{
    public override string ToString() => $"{Level} {Category} [{EventId.Id}] {Message} {Properties} {Exception}";
}
