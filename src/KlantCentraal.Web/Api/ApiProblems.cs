using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Api;

/// <summary>
/// How the API says what went wrong, app-wide: application/problem+json with a stable type for every error status,
/// a plain 500 for an exception (never a stack trace), 405 with its Allow header.
/// </summary>
public static class ApiProblems
{
    /// <summary>Problem types of the API's own errors; the rest use the RFC 9110 section of their status code.</summary>
    public const string ProblemTypeBase = "https://klantcentraal.nl/problems/";

    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments("/api/v1");

    /// <summary>
    /// An error status without a body on the API (401 from a missing key, 400 from unreadable JSON, 404, 405, 415,
    /// 429) becomes application/problem+json with a stable type and a plain explanation.
    /// </summary>
    public static async Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest when HttpMethods.IsGet(http.Request.Method) => (t["Onleesbare aanvraag"].Value, t["Een parameter in het adres heeft een waarde die we niet kunnen lezen: een datum als 2026-12-01T00:00:00Z, een status of kanaal zoals in het OpenAPI-document (/openapi/v1.json)."].Value),
            StatusCodes.Status400BadRequest => (t["Onleesbare aanvraag"].Value, t["De body is geen geldige JSON, of een veld heeft het verkeerde type. Stuur een JSON-object zoals in het OpenAPI-document (/openapi/v1.json)."].Value),
            StatusCodes.Status401Unauthorized => (t["Niet aangemeld"].Value, t["Stuur een geldige API-sleutel mee: 'Authorization: Bearer kc_...'. Een beheerder maakt sleutels aan bij /Admin/ApiKeys."].Value),
            StatusCodes.Status403Forbidden => (t["Niet toegestaan"].Value, t["Deze API-sleutel heeft niet de rechten voor deze aanvraag."].Value),
            StatusCodes.Status404NotFound => (t["Niet gevonden"].Value, t["Dit adres bestaat niet in de API. Zie /openapi/v1.json."].Value),
            StatusCodes.Status405MethodNotAllowed => (t["Methode niet toegestaan"].Value, t["Deze methode kan hier niet. Zie de Allow-header voor wat wel kan."].Value),
            StatusCodes.Status415UnsupportedMediaType when http.Request.Path.Value?.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) == true =>
                (t["Verkeerd inhoudstype"].Value, t["Stuur het bericht als 'Content-Type: multipart/form-data', met de tekst als 'text' en foto's of pdf's als 'files'."].Value),
            StatusCodes.Status415UnsupportedMediaType => (t["Verkeerd inhoudstype"].Value, t["Stuur de body als JSON met 'Content-Type: application/json'."].Value),
            StatusCodes.Status429TooManyRequests => (t["Te veel aanvragen"].Value, t["Te veel aanvragen in korte tijd. Wacht een minuut en probeer het opnieuw."].Value),
            _ => (t["Fout"].Value, (string?)null),
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemType(status) },
        });
    }

    /// <summary>An exception on the API: a plain 500 problem (the log has the details), never a stack trace.</summary>
    public static async Task WriteUnhandledProblemAsync(HttpContext http)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = t["Er ging iets mis"],
                Detail = t["Er ging bij ons iets mis. Probeer het later opnieuw; met dezelfde Idempotency-Key ontstaat geen tweede klacht."],
                Type = ProblemType(StatusCodes.Status500InternalServerError),
            },
        });
    }

    /// <summary>A stable type per status: the RFC 9110 section that defines it.</summary>
    public static string ProblemType(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status405MethodNotAllowed => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    public static IResult MethodNotAllowed(HttpContext http, string allowed)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.Allow = allowed;
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>No such complaint among those the key reaches: the same answer whether it exists elsewhere or not.</summary>
    public static IResult NoSuchComplaint(Microsoft.Extensions.Localization.IStringLocalizer t) =>
        Results.Problem(title: t["Niet gevonden"], detail: t["Er is geen klacht met deze volgcode."], statusCode: StatusCodes.Status404NotFound);
}
