using ActivityDashboard.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ActivityDashboard.Configuration;

/// <summary>
/// The <c>tokens</c> command, run instead of the web server against the configured database:
/// <c>tokens create --email E --name N</c> prints a new API token of that user, and only the token, on stdout (so a
/// script can capture it). Exit codes as for <see cref="UserCommands"/>: 0 done, 2 bad input, 1 the database failed.
/// </summary>
internal static class TokenCommands
{
    private const string Usage = """
        Usage:
          tokens create --email E --name N   (prints the new token; it is not shown again)
        """;

    public static bool IsTokensCommand(string[] args) => args.Length > 0 && string.Equals(args[0], "tokens", StringComparison.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var email, out var name, out var parseError))
        {
            await error.WriteLineAsync(parseError);
            await error.WriteLineAsync(Usage);

            return UserCommands.BadInput;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            if (ApiTokenService.ValidateName(name) is { } nameProblem)
            {
                throw new AccountAdministrationException(nameProblem + " (--name N)");
            }

            var user = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email)
                ?? throw new AccountAdministrationException($"No user has the e-mail {email}.");
            var created = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
                .CreateAsync(user.Id, name, CancellationToken.None);
            await output.WriteLineAsync(created.Token);

            return UserCommands.Success;
        }
        catch (AccountAdministrationException ex)
        {
            await error.WriteLineAsync(ex.Message);

            return UserCommands.BadInput;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await error.WriteLineAsync(
                "The database could not be used (run 'migrate' first if it is new): " + ex.GetBaseException().Message);

            return UserCommands.Failure;
        }
    }

    private static bool TryParse(string[] args, out string email, out string name, out string error)
    {
        email = "";
        name = "";
        error = "";
        var verb = args.Length > 1 ? args[1] : "";
        if (!string.Equals(verb, "create", StringComparison.Ordinal))
        {
            error = verb.Length == 0 ? "Name a tokens command." : $"Unknown tokens command '{verb}'.";

            return false;
        }

        string? givenEmail = null;
        string? givenName = null;
        for (var i = 2; i < args.Length; i++)
        {
            var option = args[i];
            if (option is not ("--email" or "--name"))
            {
                error = $"Unknown option '{option}' for 'tokens create'.";

                return false;
            }

            if ((option == "--email" ? givenEmail : givenName) is not null)
            {
                error = $"The option {option} is given twice.";

                return false;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"The option {option} needs a value.";

                return false;
            }

            if (option == "--email")
            {
                givenEmail = args[++i];
            }
            else
            {
                givenName = args[++i];
            }
        }

        if (string.IsNullOrWhiteSpace(givenEmail))
        {
            error = "An e-mail address is required (--email E).";

            return false;
        }

        if (givenName is null)
        {
            error = "A token name is required (--name N).";

            return false;
        }

        email = givenEmail;
        name = givenName;

        return true;
    }
}
