using System.Globalization;
using ActivityDashboard.Core.Accounts;

namespace ActivityDashboard.Configuration;

/// <summary>
/// The <c>users</c> commands, run instead of the web server against the configured database:
/// <c>users add --email E --account A [--operator] [--password P]</c>, <c>users list</c>, <c>users disable --email E</c>.
/// Exit codes: 0 done, 2 bad input (the message says which), 1 the database could not be used.
/// </summary>
internal static class UserCommands
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    private const string Usage = """
        Usage:
          users add --email E --account A [--operator] [--password P]   (prints a generated password unless --password is given)
          users list
          users disable --email E
        """;

    public static bool IsUsersCommand(string[] args) => args.Length > 0 && string.Equals(args[0], "users", StringComparison.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var verb, out var options, out var parseError))
        {
            await error.WriteLineAsync(parseError);
            await error.WriteLineAsync(Usage);

            return BadInput;
        }

        await using var scope = services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        try
        {
            switch (verb)
            {
                case "add":
                    var given = options.GetValueOrDefault("--password");
                    var password = await administration.AddUserAsync(
                        options.GetValueOrDefault("--email"),
                        options.GetValueOrDefault("--account"),
                        options.ContainsKey("--operator"),
                        given);
                    await output.WriteLineAsync($"Added {options["--email"]} to account {options["--account"]}"
                        + (options.ContainsKey("--operator") ? " as an operator." : "."));
                    if (given is null)
                    {
                        await output.WriteLineAsync($"Password: {password}");
                    }

                    break;
                case "list":
                    foreach (var user in await administration.ListUsersAsync(CancellationToken.None))
                    {
                        await output.WriteLineAsync(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{user.Email}\t{user.BillingAccountId}\t{(user.IsOperator ? "operator" : "user")}\t{(user.IsDisabled ? "disabled" : "active")}"));
                    }

                    break;
                default:
                    await administration.DisableUserAsync(options.GetValueOrDefault("--email"));
                    await output.WriteLineAsync($"Disabled {options["--email"]}; their sessions end within a minute.");

                    break;
            }

            return Success;
        }
        catch (AccountAdministrationException ex)
        {
            await error.WriteLineAsync(ex.Message);

            return BadInput;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The database is down or not migrated: say so in one line, without a stack trace.
            await error.WriteLineAsync(
                "The database could not be used (run 'migrate' first if it is new): " + ex.GetBaseException().Message);

            return Failure;
        }
    }

    private static bool TryParse(
        string[] args,
        out string verb,
        out Dictionary<string, string?> options,
        out string error)
    {
        options = new Dictionary<string, string?>(StringComparer.Ordinal);
        verb = args.Length > 1 ? args[1] : "";
        error = "";
        string[] allowed = verb switch
        {
            "add" => ["--email", "--account", "--operator", "--password"],
            "list" => [],
            "disable" => ["--email"],
            _ => [],
        };
        if (verb is not ("add" or "list" or "disable"))
        {
            error = verb.Length == 0 ? "Name a users command." : $"Unknown users command '{verb}'.";

            return false;
        }

        for (var i = 2; i < args.Length; i++)
        {
            var name = args[i];
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                error = $"Unknown option '{name}' for 'users {verb}'.";

                return false;
            }

            if (options.ContainsKey(name))
            {
                error = $"The option {name} is given twice.";

                return false;
            }

            if (name == "--operator")
            {
                options[name] = null;

                continue;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"The option {name} needs a value.";

                return false;
            }

            options[name] = args[++i];
        }

        return true;
    }
}
