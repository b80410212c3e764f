using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// The PostgreSQL <see cref="IChargeReceiptStore"/>: one short-lived context per operation, because the store is a
/// singleton used by every circuit at once.
/// </summary>
internal sealed partial class ChargeReceiptStore(
    IDbContextFactory<ActivityDbContext> contextFactory,
    ILogger<ChargeReceiptStore> logger) : IChargeReceiptStore
{
    /// <summary>Rows per INSERT statement; 5,000 keeps each statement's arrays small and 100k receipts in 20 round trips.</summary>
    internal const int BatchSize = 5_000;

    private const string InsertSql = """
        INSERT INTO charge_receipts (
            id, billing_account_id, request_id, litellm_call_id, charged_credits, response_cost_usd,
            provenance, source_system, source_reference, created_at)
        SELECT * FROM unnest(
            @id, @billing_account_id, @request_id, @litellm_call_id, @charged_credits, @response_cost_usd,
            @provenance, @source_system, @source_reference, @created_at)
        ON CONFLICT (source_system, source_reference) DO NOTHING
        """;

    public async Task<int> AddAsync(IReadOnlyCollection<ChargeReceipt> receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var rows = receipts.ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            Validate(rows[i], i);
        }

        if (rows.Length == 0)
        {
            return 0;
        }

        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var strategy = context.Database.CreateExecutionStrategy();
            var inserted = await strategy.ExecuteAsync(ct => InsertAllAsync(context, rows, ct), cancellationToken);
            Log.ReceiptsWritten(logger, inserted, rows.Length);

            return inserted;
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            Log.DatabaseUnavailable(logger, exception, "write");

            throw new ReceiptsUnavailableException("The receipts database could not be reached.", exception);
        }
    }

    public async Task<IReadOnlyList<ReceiptRecord>> GetByCreatedAtAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The window end must not be before its start.");
        }

        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

            return await WindowQuery(context, accountId, from.ToUniversalTime(), to.ToUniversalTime())
                .ToListAsync(cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            Log.DatabaseUnavailable(logger, exception, "read");

            throw new ReceiptsUnavailableException("The receipts database could not be reached.", exception);
        }
    }

    /// <summary>The window read, kept apart so a test can EXPLAIN exactly this query.</summary>
    internal static IQueryable<ReceiptRecord> WindowQuery(
        ActivityDbContext context,
        string accountId,
        DateTimeOffset fromUtc,
        DateTimeOffset toUtc)
    {
        return context.ChargeReceipts
            .AsNoTracking()
            .Where(r => r.BillingAccountId == accountId && r.CreatedAt >= fromUtc && r.CreatedAt < toUtc)
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id)
            .Select(r => new ReceiptRecord(r.LitellmCallId, r.CreatedAt, r.ChargedCredits, r.ResponseCostUsd, r.SourceReference));
    }

    private static async Task<int> InsertAllAsync(ActivityDbContext context, ChargeReceipt[] rows, CancellationToken cancellationToken)
    {
        // One transaction over every batch: a failing row in the last batch undoes the first ones too.
        await using var transaction = await context.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var inserted = 0;
        for (var start = 0; start < rows.Length; start += BatchSize)
        {
            var batch = rows.AsSpan(start, Math.Min(BatchSize, rows.Length - start)).ToArray();
            inserted += await context.Database.ExecuteSqlRawAsync(InsertSql, BatchParameters(batch), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return inserted;
    }

    private static NpgsqlParameter[] BatchParameters(ChargeReceipt[] batch)
    {
        return
        [
            Array("id", NpgsqlDbType.Uuid, batch.Select(r => r.Id == Guid.Empty ? Guid.CreateVersion7(r.CreatedAt) : r.Id)),
            Array("billing_account_id", NpgsqlDbType.Text, batch.Select(r => r.BillingAccountId)),
            Array("request_id", NpgsqlDbType.Text, batch.Select(r => r.RequestId)),
            Array("litellm_call_id", NpgsqlDbType.Text, batch.Select(r => r.LitellmCallId)),
            Array("charged_credits", NpgsqlDbType.Bigint, batch.Select(r => r.ChargedCredits)),
            Array("response_cost_usd", NpgsqlDbType.Numeric, batch.Select(r => r.ResponseCostUsd)),
            Array("provenance", NpgsqlDbType.Text, batch.Select(r => r.Provenance)),
            Array("source_system", NpgsqlDbType.Text, batch.Select(r => r.SourceSystem)),
            Array("source_reference", NpgsqlDbType.Text, batch.Select(r => r.SourceReference)),
            Array("created_at", NpgsqlDbType.TimestampTz, batch.Select(r => r.CreatedAt)),
        ];
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, IEnumerable<T> values)
    {
        return new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | elementType) { TypedValue = values.ToArray() };
    }

    private static void Validate(ChargeReceipt? receipt, int index)
    {
        const string ParamName = "receipts";
        if (receipt is null)
        {
            throw new ArgumentException(Message("is null"), ParamName);
        }

        RequireText(receipt.BillingAccountId, nameof(ChargeReceipt.BillingAccountId));
        RequireText(receipt.RequestId, nameof(ChargeReceipt.RequestId));
        RequireText(receipt.Provenance, nameof(ChargeReceipt.Provenance));
        RequireText(receipt.SourceSystem, nameof(ChargeReceipt.SourceSystem));
        RequireText(receipt.SourceReference, nameof(ChargeReceipt.SourceReference));
        if (receipt.ChargedCredits < 0)
        {
            throw new ArgumentException(Message($"{nameof(ChargeReceipt.ChargedCredits)} must not be negative"), ParamName);
        }

        if (receipt.ResponseCostUsd < 0)
        {
            throw new ArgumentException(Message($"{nameof(ChargeReceipt.ResponseCostUsd)} must not be negative"), ParamName);
        }

        if (receipt.CreatedAt.Offset != TimeSpan.Zero || receipt.CreatedAt == default)
        {
            throw new ArgumentException(Message($"{nameof(ChargeReceipt.CreatedAt)} must be set, in UTC (offset zero)"), ParamName);
        }

        void RequireText(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException(Message($"{field} is required"), ParamName);
            }
        }

        string Message(string problem) =>
            string.Create(CultureInfo.InvariantCulture, $"Receipt at index {index}: {problem}.");
    }

    /// <summary>
    /// Failures that mean "the database is not there for us" rather than "this input is wrong". Integrity (class 23)
    /// and data (class 22) errors are the caller's fault and pass through unchanged.
    /// </summary>
    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return exception switch
        {
            PostgresException postgres => !postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
                && !postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
            NpgsqlException => true,
            TimeoutException => true,
            RetryLimitExceededException => true,
            InvalidOperationException { InnerException: NpgsqlException or TimeoutException } => true,
            _ => false,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5000, EventName = "ReceiptsWritten", Level = LogLevel.Debug,
            Message = "Stored {InsertedCount} of {ReceiptCount} receipts; the rest were already stored.")]
        public static partial void ReceiptsWritten(ILogger logger, int insertedCount, int receiptCount);

        [LoggerMessage(EventId = 5001, EventName = "ReceiptsDatabaseUnavailable", Level = LogLevel.Error,
            Message = "The receipts database could not be reached for a {Operation}.")]
        public static partial void DatabaseUnavailable(ILogger logger, Exception exception, string operation);
    }
}
