using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace ActivityDashboard.Tests.Shared.Postgres;

/// <summary>
/// One real PostgreSQL server for the whole test run. Uses <c>ACTIVITY_TEST_POSTGRES</c> (a connection string to a
/// server where we may CREATE DATABASE) when set; otherwise starts a private throwaway server from the installed
/// binaries, on a free loopback port, and removes it at the end. Each test class asks for its own database. The server
/// starts on the first request for a database, so a run of tests that need none neither waits for it nor needs the
/// binaries.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "ACTIVITY_TEST_POSTGRES";

    private static int s_databaseCounter;

    private readonly List<string> _databases = [];
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private string? _directory;
    private string? _binDirectory;

    private string _adminConnectionString = "";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A connection string to the server's maintenance database (<c>postgres</c>), starting the server if needed.</summary>
    public async Task<string> GetAdminConnectionStringAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_adminConnectionString.Length == 0)
            {
                await StartAsync();
            }

            return _adminConnectionString;
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;

            return;
        }

        _binDirectory = FindBinDirectory();
        _directory = Path.Combine(Path.GetTempPath(), "activity-pg-" + _runId);
        Directory.CreateDirectory(_directory);
        if (IsRoot)
        {
            // PostgreSQL refuses to run as root: the server runs as the 'postgres' OS user and owns its directory.
            await RunAsync("chown", ["postgres:postgres", _directory], asPostgres: false);
        }

        var dataDirectory = Path.Combine(_directory, "data");
        await RunAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"],
            asPostgres: IsRoot);

        // A port can be taken between finding it free and the server binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var serverOptions = string.Join(
                ' ',
                "-c listen_addresses=127.0.0.1",
                "-p " + port.ToString(CultureInfo.InvariantCulture),
                "-k " + _directory,
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
            try
            {
                await RunAsync(
                    Path.Combine(_binDirectory, "pg_ctl"),
                    ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", Path.Combine(_directory, "server.log"), "-o", serverOptions],
                    asPostgres: IsRoot);
                _adminConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;

                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Creates a fresh database for one test class, migrated to the latest schema, and returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken)
    {
        var connectionString = await CreateEmptyDatabaseAsync(purpose, cancellationToken);
        await using var context = new ActivityDbContext(
            new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql(connectionString).Options);
        await context.Database.MigrateAsync(cancellationToken);
        var accountsOptions = new DbContextOptionsBuilder<AccountsDbContext>();
        AccountsDbContext.UseAccountsDatabase(accountsOptions, connectionString);
        await using var accounts = new AccountsDbContext(accountsOptions.Options);
        await accounts.Database.MigrateAsync(cancellationToken);

        return connectionString;
    }

    /// <summary>Creates a fresh, empty database (no schema) and returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string purpose, CancellationToken cancellationToken)
    {
        var safePurpose = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
        var adminConnectionString = await GetAdminConnectionStringAsync(cancellationToken);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"t_{_runId}_{Interlocked.Increment(ref s_databaseCounter)}_{safePurpose}");
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _startLock.Dispose();
        if (_directory is null || _binDirectory is null)
        {
            // An external server outlives us: drop only what this run created.
            await DropDatabasesAsync();

            return;
        }

        var dataDirectory = Path.Combine(_directory, "data");
        try
        {
            if (_adminConnectionString.Length > 0)
            {
                await RunAsync(
                    Path.Combine(_binDirectory, "pg_ctl"),
                    ["stop", "-w", "-m", "immediate", "-D", dataDirectory],
                    asPostgres: IsRoot);
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private async Task DropDatabasesAsync()
    {
        if (_adminConnectionString.Length == 0 || _databases.Count == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: decimal.TryParse(
                    Path.GetFileName(d),
                    NumberStyles.Number,
                    CultureInfo.InvariantCulture,
                    out var version) ? version : -1))
                .Where(c => File.Exists(Path.Combine(c.Directory, "initdb")) && File.Exists(Path.Combine(c.Directory, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server binaries under {Root}/<version>/bin. Install them (Debian: apt-get install -y postgresql) "
                + $"or set {EnvironmentVariable} to a connection string of a server where the tests may CREATE DATABASE.");
        }

        return candidates[0].Directory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", fileName])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");

        // pg_ctl leaves the server holding inherited pipes open; read until exit rather than to end of stream.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var completed = await Task.WhenAny(Task.WhenAll(output, error), Task.Delay(TimeSpan.FromSeconds(2)));
            var details = completed.IsCompleted && output.IsCompleted && error.IsCompleted
                ? output.Result + error.Result
                : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {details}");
        }
    }
}
