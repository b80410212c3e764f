using System.Security.Cryptography;

namespace ActivityDashboard.Security;

/// <summary>
/// Puts the security headers on every response (pages, API, problem documents, static assets, redirects). The
/// content security policy allows only this origin, plus what Blazor Server and MudBlazor need: a per-request nonce
/// for the one inline script (the import map), inline styles, data: images and fonts, and the circuit's WebSocket.
/// See docs/decisions.md ("Security headers").
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "ActivityDashboard.ScriptNonce";

    /// <summary>The nonce of this request's inline scripts (the import map); generated on first use.</summary>
    public static string ScriptNonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce)
        {
            return nonce;
        }

        // 128 random bits in hex: no '+' or '/' that HTML encoding would rewrite inside the attribute.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;

        return nonce;
    }

    /// <summary>The policy for a response whose inline scripts carry <paramref name="nonce"/>.</summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; "
        + $"script-src 'self' 'nonce-{nonce}'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; "
        + "font-src 'self' data:; "
        + "connect-src 'self' ws: wss:; "
        + "frame-ancestors 'none'; "
        + "base-uri 'self'; "
        + "form-action 'self'; "
        + "object-src 'none'";

    /// <summary>Adds the headers just before each response starts, so even the exception handler's answers get them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(ScriptNonce(context));
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";

                return Task.CompletedTask;
            }, context);

            return next(context);
        });
    }
}
