using System.Security.Claims;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Api;

/// <summary>The conversation about a complaint, for an integration: read it, and add the customer's message with photos or PDFs.</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/complaints").WithTags("Complaints").RequireRateLimiting(ApiServices.RateLimitPolicy);
        api.MapGet("/{code}/messages", ListMessagesAsync)
            .RequireAuthorization(ApiServices.ReadPolicy)
            .WithName("ListMessages")
            .WithSummary("The conversation about a complaint, oldest first, with each message's attachments (scope ReadComplaints).")
            .Produces<List<MessageDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/{code}/messages", AddMessageAsync)
            .RequireAuthorization(ApiServices.MessagePolicy)
            .DisableAntiforgery()
            .WithName("AddMessage")
            .WithSummary("Add the customer's message, with up to five photos (JPEG, PNG, WebP) or PDFs as 'files' and the text as 'text' (multipart/form-data; scope AddMessages).")
            .Produces<MessageDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<IResult> ListMessagesAsync(string code, ClaimsPrincipal user, AppDbContext db, Conversations.ConversationDesk conversation, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var complaintId = TrackingCode.TryParse(code, out var parsed) ? await db.Complaints.Reachable(user).Where(c => c.TrackingCode == parsed!).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) : null;
        if (complaintId is not { } id)
        {
            return ApiProblems.NoSuchComplaint(t);
        }

        var view = await conversation.ReadAsync(id, cancellationToken);
        return Results.Ok(view.Messages.Select(m => MessageDto.From(m, view.Attachments[m.Id])).ToList());
    }

    private static async Task<IResult> AddMessageAsync(
        string code,
        HttpRequest request,
        ClaimsPrincipal user,
        AppDbContext db,
        Conversations.ConversationDesk conversation,
        Conversations.AttachmentRules attachments,
        IStringLocalizer<SharedResource> t,
        Localization.Formats formats,
        CancellationToken cancellationToken)
    {
        var complaintId = TrackingCode.TryParse(code, out var parsed)
            ? await db.Complaints.Reachable(user).Where(c => c.TrackingCode == parsed!).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken)
            : 0;
        var trackingCode = complaintId != 0 ? parsed!.Value : null;
        if (trackingCode is null)
        {
            return ApiProblems.NoSuchComplaint(t);
        }

        if (!request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // No boundary, a body cut off, too many parts or a part too large: the sender's mistake, said plainly.
            return Results.Problem(
                title: t["Onleesbare aanvraag"],
                detail: t["De multipart-body is niet compleet of niet geldig (grens, delen of grootte). Stuur hoogstens vijf bestanden als 'files' en de tekst als 'text'."],
                statusCode: StatusCodes.Status400BadRequest,
                type: ApiProblems.ProblemType(StatusCodes.Status400BadRequest));
        }

        var text = form["text"].ToString();
        var errors = new Dictionary<string, string[]>();
        switch (ComplaintMessage.ProblemWith(text, withFiles: form.Files.Count > 0))
        {
            case DomainError.MessageEmpty:
                errors["text"] = [t["Schrijf uw bericht, of voeg een foto toe."]];
                break;
            case DomainError.TextTooLong:
                errors["text"] = [t["Uw bericht is te lang: gebruik hoogstens {0} tekens.", ComplaintMessage.BodyMaxLength]];
                break;
        }

        IReadOnlyList<Conversations.CheckedFile> files = [];
        if (errors.Count == 0)
        {
            var (passed, error) = await attachments.ReadAsync(form.Files, cancellationToken);
            if (error is not null)
            {
                errors["files"] = [error];
            }

            files = passed;
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var outcome = await conversation.ReceiveAsync(trackingCode, text, files, MessageChannel.Api, emailMessageId: null, confirm: null, cancellationToken);
        if (!outcome.IsDone)
        {
            return ApiOutcome.Problem(outcome, t, formats);
        }

        var view = await conversation.ReadAsync(complaintId, cancellationToken);
        var message = view.Messages.Single(m => m.Id == outcome.Id);
        return Results.Created($"/api/v1/complaints/{trackingCode}/messages", MessageDto.From(message, view.Attachments[message.Id]));
    }

    /// <summary>One message of the conversation. Direction: FromCustomer or ToCustomer.</summary>
    public sealed record MessageDto(int Id, string Direction, string Channel, string Author, string Text, DateTime At, IReadOnlyList<AttachmentDto> Attachments)
    {
        internal static MessageDto From(ComplaintMessage m, IEnumerable<Conversations.AttachmentInfo> attachments) =>
            new(m.Id, m.Direction.ToString(), m.Channel.ToString(), m.AuthorName, m.Body, m.At, attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Length)).ToList());
    }

    public sealed record AttachmentDto(int Id, string FileName, string ContentType, long Length);
}
