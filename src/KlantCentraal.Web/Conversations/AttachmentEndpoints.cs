using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// Opening an attachment: staff through <c>/Desk/Attachments/{id}</c>, the complaint's own customer through
/// <c>/Track/Attachments/{id}?t=…</c> with the token of their status page (another complaint's files answer 404).
/// Files are never rendered by the browser as a page: PDFs only download, everything has nosniff and a sandboxing CSP.
/// </summary>
public static class AttachmentEndpoints
{
    public const string SandboxPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'none'; script-src 'none'";

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/Desk/Attachments/{id:int}", async (int id, bool? thumb, AppDbContext db, CancellationToken cancellationToken) =>
                await FileAsync(db, a => a.Id == id, thumb == true, cancellationToken))
            .RequireAuthorization(Identity.Policies.Desk)
            .ExcludeFromDescription();
        app.MapGet("/Track/Attachments/{id:int}", async (int id, string? t, bool? thumb, TrackingTokens tokens, AppDbContext db, CancellationToken cancellationToken) =>
            {
                if (!tokens.TryUnprotect(t, out var trackingCode))
                {
                    return Results.NotFound();
                }

                var complaintId = await db.Complaints.Where(c => c.TrackingCode == trackingCode).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
                return await FileAsync(db, a => a.Id == id && a.ComplaintId == complaintId, thumb == true, cancellationToken);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FileAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<MessageAttachment, bool>> which, bool thumbnail, CancellationToken cancellationToken)
    {
        var file = await db.Attachments.AsNoTracking().Where(which)
            .Select(a => new { a.FileName, a.ContentType, Bytes = thumbnail ? a.Thumbnail : a.Content })
            .FirstOrDefaultAsync(cancellationToken);
        if (file?.Bytes is null)
        {
            return Results.NotFound();
        }

        return new AttachmentResult(file.Bytes, thumbnail ? "image/jpeg" : file.ContentType, file.FileName, download: !thumbnail && file.ContentType == "application/pdf");
    }

    private sealed class AttachmentResult(byte[] bytes, string contentType, string fileName, bool download) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = SandboxPolicy;
            headers.CacheControl = "private, no-store";
            var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(download ? "attachment" : "inline");
            disposition.SetHttpFileName(fileName);
            headers.ContentDisposition = disposition.ToString();
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = bytes.Length;
            await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}
