using System.Text.Json;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// The probes for orchestrators and proxies (issue 30): <c>/health/live</c> says the process answers (no check: a
/// restart cannot fix a database); <c>/health/ready</c> (and the older <c>/health</c>) runs every check — database,
/// mailbox, letters waiting, Redis — each within 1.5 s, 503 only when one is Unhealthy (Degraded still serves);
/// <c>/health/details</c> gives administrators every check's status, time and message as JSON.
/// </summary>
public static class Health
{
    public static IApplicationBuilder UseHealthProbes(this IApplicationBuilder app)
    {
        app.UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks("/health/ready");
        app.UseHealthChecks("/health");
        return app;
    }

    public static IEndpointRouteBuilder MapHealthDetails(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/details", new HealthCheckOptions
        {
            ResponseWriter = WriteDetailsAsync,
            // The details are for whoever looks, also when something is down: always 200 with the status inside.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status200OK,
            },
        }).RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static Task WriteDetailsAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                description = e.Value.Description,
                error = e.Value.Exception?.GetType().Name,
            }),
        }, cancellationToken: http.RequestAborted);
    }
}
