using Microsoft.AspNetCore.Diagnostics;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// A browser that closes the connection mid-request cancels the request's token; the work stops (a transaction
/// rolls back whole) and the exception that stopped it is no error of ours: nobody is left to answer. The
/// framework's exception handlers already answer such a request with 499, but they sit outside Serilog's request
/// log, which saw the exception first and logged a 500 with a stack trace. This sits just inside that log.
/// </summary>
public static class ClientDisconnects
{
    /// <summary>The status nginx uses for "client closed request".</summary>
    public const int ClientClosedRequest = 499;

    public static IApplicationBuilder UseClientDisconnects(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            context.Response.StatusCode = ClientClosedRequest;
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        }
    });
}
