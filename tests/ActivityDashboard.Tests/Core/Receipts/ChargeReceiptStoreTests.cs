using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActivityDashboard.Tests.Core.Receipts;

public sealed class ChargeReceiptStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_t0 = new(2026, 9, 7, 23, 59, 59, TimeSpan.Zero);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddAsync_SameKeyTwice_StoresOnceAndCountsOnlyNewRows()
    {
        var account = NewAccount();
        var store = CreateStore();
        var first = Receipt(account, reference: "r-1");
        var second = Receipt(account, reference: "r-2");

        var insertedFirst = await store.AddAsync([first, second], Ct);
        var insertedAgain = await store.AddAsync(
            [Receipt(account, reference: "r-1", credits: 999), Receipt(account, reference: "r-3")],
            Ct);

        insertedFirst.Should().Be(2);
        insertedAgain.Should().Be(1);
        var stored = await store.GetByCreatedAtAsync(account, s_t0.AddDays(-1), s_t0.AddDays(1), Ct);
        stored.Should().HaveCount(3);
        stored.Select(r => r.ChargedCredits).Should().NotContain(999, "the second write of r-1 is skipped, not an update");
    }

    [Fact]
    public async Task AddAsync_DuplicateKeyInsideOneBatch_StoresOnce()
    {
        var account = NewAccount();
        var store = CreateStore();

        var inserted = await store.AddAsync([Receipt(account, reference: "dup"), Receipt(account, reference: "dup")], Ct);

        inserted.Should().Be(1);
        (await CountAsync(account)).Should().Be(1);
    }

    [Fact]
    public async Task AddAsync_SameReferenceFromAnotherSourceSystem_IsADifferentReceipt()
    {
        var account = NewAccount();
        var store = CreateStore();

        var inserted = await store.AddAsync(
            [Receipt(account, reference: "same", sourceSystem: "billing"), Receipt(account, reference: "same", sourceSystem: "demo")],
            Ct);

        inserted.Should().Be(2);
    }

    [Theory]
    [InlineData(nameof(ChargeReceipt.BillingAccountId))]
    [InlineData(nameof(ChargeReceipt.RequestId))]
    [InlineData(nameof(ChargeReceipt.Provenance))]
    [InlineData(nameof(ChargeReceipt.SourceSystem))]
    [InlineData(nameof(ChargeReceipt.SourceReference))]
    [InlineData(nameof(ChargeReceipt.ChargedCredits))]
    [InlineData(nameof(ChargeReceipt.ResponseCostUsd))]
    [InlineData(nameof(ChargeReceipt.CreatedAt))]
    public async Task AddAsync_OneInvalidReceiptInBatch_ThrowsNamingFieldAndStoresNothing(string field)
    {
        var account = NewAccount();
        var store = CreateStore();
        var receipts = Enumerable.Range(0, 10).Select(i => Receipt(account, reference: "ok-" + i)).ToList();
        var bad = receipts[7];
        switch (field)
        {
            case nameof(ChargeReceipt.BillingAccountId): bad.BillingAccountId = ""; break;
            case nameof(ChargeReceipt.RequestId): bad.RequestId = " "; break;
            case nameof(ChargeReceipt.Provenance): bad.Provenance = ""; break;
            case nameof(ChargeReceipt.SourceSystem): bad.SourceSystem = ""; break;
            case nameof(ChargeReceipt.SourceReference): bad.SourceReference = ""; break;
            case nameof(ChargeReceipt.ChargedCredits): bad.ChargedCredits = -1; break;
            case nameof(ChargeReceipt.ResponseCostUsd): bad.ResponseCostUsd = -0.01m; break;
            default: bad.CreatedAt = new DateTimeOffset(2026, 9, 7, 12, 0, 0, TimeSpan.FromHours(2)); break;
        }

        var act = () => store.AddAsync(receipts, Ct);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(field).And.Contain("index 7");
        (await CountAsync(account)).Should().Be(0);
    }

    [Fact]
    public async Task AddAsync_DatabaseRejectsRowInLaterStatement_RollsBackEarlierStatements()
    {
        // Arrange: more rows than one statement takes, and a primary-key clash in the last one.
        var account = NewAccount();
        var store = CreateStore();
        var receipts = Enumerable.Range(0, ChargeReceiptStore.BatchSize + 100)
            .Select(i => Receipt(account, reference: "bulk-" + i.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        receipts[^1].Id = receipts[0].Id;

        // Act
        var act = () => store.AddAsync(receipts, Ct);

        // Assert: the integrity error is the caller's, not an outage, and nothing of the first statement remains.
        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        (await CountAsync(account)).Should().Be(0);
    }

    [Fact]
    public async Task AddAsync_HundredThousandReceipts_StoresAllInOneBatch()
    {
        var account = NewAccount();
        var store = CreateStore();
        var receipts = Enumerable.Range(0, 100_000)
            .Select(i => Receipt(
                account,
                reference: "perf-" + i.ToString(CultureInfo.InvariantCulture),
                createdAt: s_t0.AddSeconds(i),
                cost: i % 5 == 0 ? null : 0.0012345678m))
            .ToList();
        var inserted = await store.AddAsync(receipts, Ct);

        inserted.Should().Be(100_000);
        (await CountAsync(account)).Should().Be(100_000);
    }

    [Fact]
    public async Task AddAsync_EmptyCollection_ReturnsZeroWithoutTouchingTheDatabase()
    {
        var store = StoreOver(ClosedPortConnectionString());

        var inserted = await store.AddAsync([], Ct);

        inserted.Should().Be(0);
    }

    [Fact]
    public async Task GetByCreatedAtAsync_Window_IsHalfOpenAndLimitedToTheAccount()
    {
        // Arrange: receipts just before, at, inside, just inside the end, and at the end of [from, to).
        var account = NewAccount();
        var other = NewAccount();
        var store = CreateStore();
        var from = new DateTimeOffset(2026, 9, 8, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(1);
        await store.AddAsync(
            [
                Receipt(account, reference: "before", createdAt: from.AddTicks(-10), callId: "before"),
                Receipt(account, reference: "at-from", createdAt: from, callId: "at-from"),
                Receipt(account, reference: "inside", createdAt: from.AddHours(18.5), callId: "inside"),
                Receipt(account, reference: "last-micro", createdAt: to.AddTicks(-10), callId: "last-micro"),
                Receipt(account, reference: "at-to", createdAt: to, callId: "at-to"),
                Receipt(other, reference: "other", createdAt: from.AddHours(1), callId: "other"),
            ],
            Ct);

        // Act
        var window = await store.GetByCreatedAtAsync(account, from, to, Ct);

        // Assert
        window.Select(r => r.LitellmCallId).Should().Equal("at-from", "inside", "last-micro");
        window.Select(r => r.CreatedAt).Should().Equal(from, from.AddHours(18.5), to.AddTicks(-10));
        window.Should().OnlyContain(r => r.CreatedAt.Offset == TimeSpan.Zero);
    }

    [Fact]
    public async Task GetByCreatedAtAsync_BoundsWithAnOffset_AreTheSameInstants()
    {
        var account = NewAccount();
        var store = CreateStore();
        var at = new DateTimeOffset(2026, 6, 1, 18, 30, 0, TimeSpan.Zero);
        await store.AddAsync([Receipt(account, reference: "ist-midnight", createdAt: at)], Ct);
        var kolkata = TimeSpan.FromHours(5.5);

        var window = await store.GetByCreatedAtAsync(
            account,
            new DateTimeOffset(2026, 6, 2, 0, 0, 0, kolkata),
            new DateTimeOffset(2026, 6, 3, 0, 0, 0, kolkata),
            Ct);

        window.Should().ContainSingle().Which.CreatedAt.Should().Be(at);
    }

    [Fact]
    public async Task GetByCreatedAtAsync_WindowQuery_UsesTheAccountCreatedAtIndex()
    {
        // Arrange: capture the exact command the store sends, then ask PostgreSQL how it would run it.
        var account = NewAccount();
        var capture = new CommandCapture();
        var store = new ChargeReceiptStore(database.CreateContextFactory(capture), NullLogger<ChargeReceiptStore>.Instance);
        await store.AddAsync([Receipt(account, reference: "one")], Ct);
        await store.GetByCreatedAtAsync(account, s_t0.AddHours(-1), s_t0.AddHours(1), Ct);
        var select = capture.Commands.Single(c => c.Text.Contains("SELECT", StringComparison.Ordinal));

        // Act: the table is tiny, so forbid the sequential scan a planner would rightly prefer here.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + select.Text, connection);
        foreach (var (name, value) in select.Parameters)
        {
            explain.Parameters.Add(new NpgsqlParameter(name, value));
        }

        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        // Assert
        select.Text.Should().Contain("billing_account_id").And.Contain("created_at");
        plan.ToString().Should().Contain("ix_charge_receipts_account_created_at");
    }

    [Fact]
    public async Task GetByCreatedAtAsync_DatabaseUnreachable_ThrowsReceiptsUnavailable()
    {
        var store = StoreOver(ClosedPortConnectionString());

        var act = () => store.GetByCreatedAtAsync("acme", s_t0, s_t0.AddHours(1), Ct);

        var thrown = (await act.Should().ThrowAsync<ReceiptsUnavailableException>()).Which;
        thrown.Reason.Should().Be("receipts_unavailable");
        thrown.Message.Should().NotContain("127.0.0.1", "the message is shown to users and names no host");
    }

    [Fact]
    public async Task AddAsync_DatabaseUnreachable_ThrowsReceiptsUnavailable()
    {
        var store = StoreOver(ClosedPortConnectionString());

        var act = () => store.AddAsync([Receipt("acme", reference: "x")], Ct);

        await act.Should().ThrowAsync<ReceiptsUnavailableException>();
    }

    [Fact]
    public async Task GetByCreatedAtAsync_SchemaMissing_ThrowsReceiptsUnavailable()
    {
        var empty = await database.Server.CreateEmptyDatabaseAsync("noschema", Ct);
        var store = StoreOver(empty);

        var act = () => store.GetByCreatedAtAsync("acme", s_t0, s_t0.AddHours(1), Ct);

        (await act.Should().ThrowAsync<ReceiptsUnavailableException>()).WithInnerException<PostgresException>();
    }

    [Fact]
    public async Task GetByCreatedAtAsync_CallerCancelled_ThrowsOperationCanceled()
    {
        var store = CreateStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => store.GetByCreatedAtAsync("acme", s_t0, s_t0.AddHours(1), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GetByCreatedAtAsync_NumericAmounts_RoundTripExactly()
    {
        // Arrange: the widest numeric(20,10) value, the smallest step, sub-cent amounts, and no amount at all.
        var account = NewAccount();
        var store = CreateStore();
        decimal?[] amounts = [9_999_999_999.9999999999m, 0.0000000001m, 0.0000042m, 0.0417m, 1234.5678m, 0m, null];
        await store.AddAsync(
            amounts.Select((amount, i) => Receipt(account, reference: "n" + i, createdAt: s_t0.AddSeconds(i), cost: amount)).ToList(),
            Ct);

        // Act
        var stored = await store.GetByCreatedAtAsync(account, s_t0, s_t0.AddMinutes(1), Ct);

        // Assert
        stored.Select(r => r.ResponseCostUsd).Should().Equal(amounts);
    }

    [Fact]
    public async Task GetByCreatedAtAsync_EightHundredEqualAmounts_SumExactlyToTheDecimalTotal()
    {
        var account = NewAccount();
        var store = CreateStore();
        await store.AddAsync(
            Enumerable.Range(0, 800)
                .Select(i => Receipt(account, reference: "sum-" + i, createdAt: s_t0.AddMinutes(i * 7), cost: 1234.5678m))
                .ToList(),
            Ct);

        var stored = await store.GetByCreatedAtAsync(account, s_t0, s_t0.AddDays(5), Ct);

        stored.Should().HaveCount(800);
        stored.Sum(r => r.ResponseCostUsd!.Value).Should().Be(987_654.24m);
    }

    [Fact]
    public async Task GetByCreatedAtAsync_EmptyAndMissingCallIds_AreKeptAsWritten()
    {
        var account = NewAccount();
        var store = CreateStore();
        await store.AddAsync(
            [
                Receipt(account, reference: "empty-1", createdAt: s_t0, callId: ""),
                Receipt(account, reference: "empty-2", createdAt: s_t0.AddSeconds(1), callId: ""),
                Receipt(account, reference: "none", createdAt: s_t0.AddSeconds(2), callId: null),
            ],
            Ct);

        var stored = await store.GetByCreatedAtAsync(account, s_t0, s_t0.AddMinutes(1), Ct);

        stored.Select(r => r.LitellmCallId).Should().Equal("", "", null);
    }

    [Fact]
    public async Task Migration_CreatesExactlyTheSpecifiedColumns()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'charge_receipts'
            ORDER BY ordinal_position
            """,
            connection);
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                var type = reader.GetString(1) == "numeric"
                    ? string.Create(CultureInfo.InvariantCulture, $"numeric({reader.GetInt32(3)},{reader.GetInt32(4)})")
                    : reader.GetString(1);
                var nullability = reader.GetString(2) == "YES" ? "null" : "not null";
                columns.Add($"{reader.GetString(0)} {type} {nullability}");
            }
        }

        columns.Should().Equal(
            "id uuid not null",
            "billing_account_id text not null",
            "request_id text not null",
            "litellm_call_id text null",
            "charged_credits bigint not null",
            "response_cost_usd numeric(20,10) null",
            "provenance text not null",
            "source_system text not null",
            "source_reference text not null",
            "created_at timestamp with time zone not null");
    }

    [Fact]
    public async Task Migration_CreatesExactlyTheSpecifiedIndexes()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'charge_receipts' ORDER BY indexname",
            connection);
        var indexes = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                indexes[reader.GetString(0)] = reader.GetString(1);
            }
        }

        indexes.Keys.Should().BeEquivalentTo(
            "pk_charge_receipts",
            "ix_charge_receipts_account_created_at",
            "ix_charge_receipts_account_call_id",
            "ux_charge_receipts_source");
        indexes["pk_charge_receipts"].Should().Contain("UNIQUE INDEX").And.EndWith("(id)");
        indexes["ix_charge_receipts_account_created_at"].Should().NotContain("UNIQUE").And.EndWith("(billing_account_id, created_at)");
        indexes["ix_charge_receipts_account_call_id"].Should().NotContain("UNIQUE").And.EndWith("(billing_account_id, litellm_call_id)");
        indexes["ux_charge_receipts_source"].Should().Contain("UNIQUE INDEX").And.EndWith("(source_system, source_reference)");
    }

    private ChargeReceiptStore CreateStore() =>
        new(database.CreateContextFactory(), NullLogger<ChargeReceiptStore>.Instance);

    private static ChargeReceiptStore StoreOver(string connectionString) =>
        new(new ConnectionStringFactory(connectionString), NullLogger<ChargeReceiptStore>.Instance);

    private async Task<long> CountAsync(string account)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM charge_receipts WHERE billing_account_id = @a", connection);
        command.Parameters.AddWithValue("a", account);

        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N")[..12];

    private static ChargeReceipt Receipt(
        string account,
        string reference,
        DateTimeOffset? createdAt = null,
        string? callId = "chatcmpl-1",
        long credits = 12_000,
        decimal? cost = 0.0012m,
        string sourceSystem = "test") => new()
        {
            Id = Guid.NewGuid(),
            BillingAccountId = account,
            RequestId = "req-" + reference,
            LitellmCallId = callId,
            ChargedCredits = credits,
            ResponseCostUsd = cost,
            Provenance = "response_header",
            SourceSystem = sourceSystem,
            SourceReference = account + "/" + reference,
            CreatedAt = createdAt ?? s_t0,
        };

    private static string ClosedPortConnectionString()
    {
        // Bind a port, then release it: nothing listens there for the few seconds the test runs.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        return $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Database=activity;Username=postgres;Timeout=3";
    }

    private sealed class ConnectionStringFactory(string connectionString) : IDbContextFactory<ActivityDbContext>
    {
        public ActivityDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql(connectionString).Options);
    }

    private sealed class CommandCapture : DbCommandInterceptor
    {
        private readonly List<(string Text, List<(string Name, object? Value)> Parameters)> _commands = [];

        public IReadOnlyList<(string Text, List<(string Name, object? Value)> Parameters)> Commands
        {
            get
            {
                lock (_commands)
                {
                    return [.. _commands];
                }
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            lock (_commands)
            {
                _commands.Add((
                    command.CommandText,
                    command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            }

            return ValueTask.FromResult(result);
        }
    }
}
