using ActivityDashboard.Configuration;
using ActivityDashboard.Core;

var builder = WebApplication.CreateBuilder(args);

builder.AddActivityCore();
builder.AddActivityWeb();

var app = builder.Build();

if (CommandLine.IsMigrate(args))
{
    return await CommandLine.MigrateAsync(app);
}

app.UseActivityWeb();

await app.RunAsync();

return 0;
