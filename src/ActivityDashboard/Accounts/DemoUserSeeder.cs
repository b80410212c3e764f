using System.Globalization;
using System.Text;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Demo;

namespace ActivityDashboard.Accounts;

/// <summary>
/// Demo mode only: makes sure each demo account has a user, plus one operator, and gives them fresh random
/// passwords on every start (stored passwords cannot be read back), printed once in the log.
/// Runs after the migrations, which happen before any hosted service starts.
/// </summary>
internal sealed partial class DemoUserSeeder(IServiceScopeFactory scopeFactory, ILogger<DemoUserSeeder> logger) : IHostedService
{
    public const string OperatorEmail = "operator@demo.example";
    public const string OperatorAccount = "acme-corp";

    public static string UserEmail(string accountId) => accountId + "@demo.example";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<AccountAdministration>();

        var lines = new StringBuilder();
        lines.AppendLine("Demo sign-in (new passwords on every start):");
        var operatorPassword = await administration.EnsureUserWithNewPasswordAsync(OperatorEmail, OperatorAccount, isOperator: true);
        lines.AppendLine(CultureInfo.InvariantCulture, $"  {OperatorEmail,-28} {operatorPassword}   operator, sees every account");
        foreach (var accountId in DemoUsageGenerator.AccountIds)
        {
            var password = await administration.EnsureUserWithNewPasswordAsync(UserEmail(accountId), accountId, isOperator: false);
            lines.AppendLine(CultureInfo.InvariantCulture, $"  {UserEmail(accountId),-28} {password}   account {accountId}");
        }

        // REVIEW: printing passwords is acceptable only for the demo's synthetic accounts.
        Log.DemoCredentials(logger, lines.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 6100, EventName = "DemoCredentials", Level = LogLevel.Information, Message = "{Credentials}")]
        public static partial void DemoCredentials(ILogger logger, string credentials);
    }
}
