using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Data;

/// <summary>
/// When the database is locked or unreachable during a form post, the person gets the same page back with
/// everything they typed, a plain message to try again, and status 503 — never an error page that loses input.
/// Nothing is half-stored: every step saves in one transaction.
/// </summary>
public sealed class DatabaseTroubleFilter(IStringLocalizer<SharedResource> t, ILogger<DatabaseTroubleFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is { } exception && !executed.ExceptionHandled && IsDatabaseTrouble(exception)
            && HttpMethods.IsPost(context.HttpContext.Request.Method) && context.HandlerInstance is PageModel page)
        {
            logger.LogWarning(exception, "Database unavailable during {Page}; the form is shown again for retry", context.ActionDescriptor.ViewEnginePath);
            page.ModelState.AddModelError(string.Empty, t["Het systeem is even niet bereikbaar. Er is niets opgeslagen en uw invoer staat er nog: probeer het over een minuut opnieuw."]);
            context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            executed.Result = page.Page();
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>A locked, busy or unreachable database (SQLite or SQL Server), also when wrapped by EF.</summary>
    public static bool IsDatabaseTrouble(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => false,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 14,
        Microsoft.Data.SqlClient.SqlException => true,
        TimeoutException => true,
        DbUpdateException { InnerException: { } inner } => IsDatabaseTrouble(inner),
        InvalidOperationException { InnerException: { } inner } => IsDatabaseTrouble(inner),
        DbException => true,
        _ => false,
    };
}
