namespace IntroProgram.Web.Hosting;

/// <summary>Strict headers on every response: no inline script, no framing, no sniffing, no referrer leaks.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The jobs dashboard (Hangfire's own pages, operators only) sets a few style attributes in its markup; styles
    /// only are let through there. Scripts stay 'self' everywhere.
    /// </summary>
    public static readonly string JobsDashboardPolicy = ContentSecurityPolicy.Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Read now: a branch further on (the dashboard's) moves the path into PathBase before the response starts.
            var jobsDashboard = context.Request.Path.StartsWithSegments(JobsDashboard.Path, StringComparison.OrdinalIgnoreCase);
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = jobsDashboard ? JobsDashboardPolicy : ContentSecurityPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                if (context.User.Identity?.IsAuthenticated == true)
                {
                    // Pages with personal data are never kept by browsers or proxies.
                    h.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            await next();
        });
}
