using System.Text.Json.Serialization;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>
/// The envelope of one <c>/spend/logs/v2</c> page. Only what paging needs is read: <c>total</c>,
/// <c>total_pages</c> and <c>total_is_capped</c> are deliberately absent because LiteLLM caps the count.
/// </summary>
internal sealed class SpendLogsPage
{
    [JsonPropertyName("data")]
    public required IReadOnlyList<SpendLogRow?> Data { get; init; }

    /// <summary>The page size the proxy says it used; may be smaller than the one asked for.</summary>
    [JsonPropertyName("page_size")]
    public int? PageSize { get; init; }
}
