namespace KlantCentraal.Web.Security;

/// <summary>
/// Security headers on every response: a Content-Security-Policy without inline script (all script is in
/// wwwroot), no framing, no MIME sniffing, no referrer leaking tracking tokens to other sites.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiReferencePath = "/api/docs";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy, with the organisation's sign-in provider (its origin only) allowed as a form's destination: the
    /// sign-in and sign-out buttons post here and are redirected there, which form-action governs too.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var authority = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Identity.OidcOptions>>().Value.Authority;
        var policy = Uri.TryCreate(authority, UriKind.Absolute, out var provider)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {provider.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;
        // Swagger UI (the API reference) sets style attributes from script; its pages alone allow inline styles, still no inline script.
        var reference = policy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase) ? reference : policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });
    }
}
