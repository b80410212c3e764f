namespace ActivityDashboard.Tests.Shared.LiteLlmStub;

/// <summary>One request <see cref="LiteLlmStubServer"/> received.</summary>
public sealed class LiteLlmStubRequest
{
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Path { get; init; }

    /// <summary>The decoded query string (last value wins for a repeated key).</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    /// <summary>The raw <c>Authorization</c> header, if any.</summary>
    public string? Authorization { get; init; }

    /// <summary>Completes when the stub has finished with the request: true when the client aborted it first.</summary>
    public Task<bool> Ended => _ended.Task;

    public string? this[string key] => Query.GetValueOrDefault(key);

    internal void MarkEnded(bool aborted) => _ended.TrySetResult(aborted);
}
