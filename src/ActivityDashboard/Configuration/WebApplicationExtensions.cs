using ActivityDashboard.Components;
using ActivityDashboard.Endpoints;
using ActivityDashboard.Model;
using ActivityDashboard.Security;
using ActivityDashboard.Telemetry;
using MudBlazor.Services;

namespace ActivityDashboard.Configuration;

/// <summary>Registers and wires the web layer: pages, sign-in, the activity API, problem documents and OpenAPI.</summary>
public static class WebApplicationExtensions
{
    public static WebApplicationBuilder AddActivityWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // `dotnet run` outside Development (scripts/run uses Production) still serves MudBlazor's and the framework's
        // assets from the build output; a published app has no such manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        // Pages
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddTransient<OperatorAccountChoices>();
        builder.Services.AddTransient<ActivityViewModel>();
        builder.Services.AddViewerCulture();
        builder.Services.AddTransient<ReconciliationViewModel>();

        // Sign-in: every page and endpoint below needs it.
        builder.AddActivitySignIn();

        // API: every error is an RFC 9457 problem document carrying the trace id.
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDocuments.AddTraceId);
        builder.Services.AddExceptionHandler<ActivityExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<ActivityCursorProtector>();

        // The dashboard's own metrics, traces and health endpoints.
        builder.AddActivityTelemetry();

        return builder;
    }

    public static WebApplication UseActivityWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Security headers first, so every answer below (problem documents included) carries them.
        app.UseSecurityHeaders();

        // Outside the exception handler, so the activity API is measured by the answer actually sent.
        app.UseActivityRequestMetrics();
        if (!app.Environment.IsDevelopment())
        {
            // Strict-Transport-Security on HTTPS requests only (UseHsts skips plain HTTP and localhost).
            app.UseHsts();
        }

        app.UseExceptionHandler();

        // Before authentication: the re-executed not-found page passes the sign-in check like any page.
        app.UseNotFoundAnswers();
        app.UseViewerCulture();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapOpenApi();
        app.MapActivityEndpoints();
        app.MapReconciliationEndpoints();
        app.MapActivityTelemetry();
        app.MapGet("/", () => Results.Redirect("/activity")).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        return app;
    }
}
