using Refit;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>The part of LiteLLM's proxy API the dashboard reads: one page of spend-log rows.</summary>
internal interface ILiteLlmSpendApi
{
    /// <summary>
    /// <c>GET /spend/logs/v2</c>. Both dates are UTC <c>yyyy-MM-dd HH:mm:ss</c> and both are inclusive on
    /// <c>startTime</c>; <paramref name="page"/> starts at 1.
    /// </summary>
    /// <exception cref="ApiException">LiteLLM answered a non-success status, or a body that does not deserialise.</exception>
    [Get("/spend/logs/v2")]
    Task<SpendLogsPage?> GetSpendLogsAsync(
        [AliasAs("end_user")] string endUser,
        [AliasAs("start_date")] string startDate,
        [AliasAs("end_date")] string endDate,
        [AliasAs("sort_by")] string sortBy,
        [AliasAs("sort_order")] string sortOrder,
        [AliasAs("page")] int page,
        [AliasAs("page_size")] int pageSize,
        CancellationToken cancellationToken);
}
