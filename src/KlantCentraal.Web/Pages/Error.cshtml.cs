using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Pages;

/// <summary>The friendly error page: plain words and a correlation id, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = string.Empty;

    public int StatusCodeShown { get; private set; }

    public void OnGet() => Show();

    public void OnPost() => Show();

    /// <summary>
    /// Re-executed for a status code (404, 429, ...) the original code is kept; reached through the exception
    /// handler (or directly) it is a 500. The status comes from the request features, never from the form.
    /// </summary>
    private void Show()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var handled = HttpContext.Features.Get<IExceptionHandlerFeature>();
        StatusCodeShown = reExecuted?.OriginalStatusCode
            ?? (handled is null && int.TryParse(Request.Query["code"], out var code) && code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError);
        if (reExecuted is null)
        {
            Response.StatusCode = StatusCodeShown;
        }
    }
}
