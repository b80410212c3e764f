using ActivityDashboard.Configuration;
using ActivityDashboard.Core;

// The container's HEALTHCHECK: asks a running dashboard, so it builds nothing of the app itself.
if (HealthCheckCommand.IsHealthCommand(args))
{
    return await HealthCheckCommand.RunAsync(args, Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddActivityCore();
builder.AddActivityWeb();

var app = builder.Build();

if (CommandLine.IsMigrate(args))
{
    return await CommandLine.MigrateAsync(app);
}

if (UserCommands.IsUsersCommand(args))
{
    return await UserCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (TokenCommands.IsTokensCommand(args))
{
    return await TokenCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseActivityWeb();

await app.RunAsync();

return 0;
