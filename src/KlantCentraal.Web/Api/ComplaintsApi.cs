using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Api;

/// <summary>
/// Complaints for an integration: create one (with or without an immediate resolution, under the same policy as the
/// desk; idempotent by the Idempotency-Key header; the same validation messages as the forms) and read its status.
/// </summary>
public static class ComplaintsApi
{
    public static RouteGroupBuilder MapComplaints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/complaints").WithTags("Complaints").RequireRateLimiting(ApiServices.RateLimitPolicy);
        api.MapPost("/", CreateAsync)
            .RequireAuthorization(ApiServices.CreatePolicy)
            .WithName("CreateComplaint")
            .WithSummary("Record a complaint, and resolve it at once when a resolution is given.")
            .WithDescription("Send an Idempotency-Key header: repeating a request with the same key returns the complaint created the first time. Authenticate with 'Authorization: Bearer kc_...' (scope CreateComplaints).")
            .Produces<ComplaintStatusResponse>(StatusCodes.Status201Created)
            .Produces<ComplaintStatusResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{code}", GetAsync)
            .RequireAuthorization(ApiServices.ReadPolicy)
            .WithName("GetComplaint")
            .WithSummary("The status of one complaint, by tracking code (scope ReadComplaints).")
            .WithDescription("Answers with an ETag; send it back as If-None-Match and an unchanged complaint is 304 without a body.")
            .Produces<ComplaintStatusResponse>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        [FromBody] CreateComplaint request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        ComplaintDesk desk,
        AuditLog audit,
        AppDbContext db,
        IValidator<CreateComplaint> validator,
        IStringLocalizer<SharedResource> t,
        Localization.Formats formats,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [t["Stuur een Idempotency-Key-header mee (hoogstens 100 tekens), zodat een herhaald verzoek geen tweede klacht maakt."]] });
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Results.ValidationProblem(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }

        var keyId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        // Idempotency is per key: the same Idempotency-Key from another key (or another channel) is another request.
        var submission = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{keyId}:{idempotencyKey}"))[..16]);
        int? storeId = null;
        var keyStores = StoreScope.StoresOf(user);
        if (!string.IsNullOrWhiteSpace(request.StoreCode))
        {
            var code = Store.NormaliseCode(request.StoreCode);
            storeId = await db.Stores.Where(s => s.Code == code && s.ClosedAt == null).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (storeId is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [nameof(CreateComplaint.StoreCode)] = [t["Er is geen open winkel met deze code. GET /api/v1/stores geeft de codes."]] });
            }

            if (keyStores is not null && !keyStores.Contains(storeId.Value))
            {
                return Results.Problem(title: t["Niet toegestaan"], detail: t["Deze API-sleutel hoort bij andere winkels en maakt geen klachten voor deze winkel."], statusCode: StatusCodes.Status403Forbidden, type: ApiProblems.ProblemType(StatusCodes.Status403Forbidden));
            }
        }
        else if (keyStores is not null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [nameof(CreateComplaint.StoreCode)] = [t["Deze API-sleutel hoort bij een of meer winkels: stuur de storeCode van de winkel mee."]] });
        }

        // The same key with another body is a client's mistake, not a retry: answered 422 (IETF idempotency-key draft).
        if (await db.Complaints.AsNoTracking().Include(c => c.Customer).Where(c => c.SubmissionId == submission && c.SubmittedBy == keyId).FirstOrDefaultAsync(cancellationToken) is { } earlier
            && !IsSameRequest(earlier, request))
        {
            return Results.Problem(
                title: t["Idempotency-Key al gebruikt"],
                detail: t["Deze Idempotency-Key is al gebruikt voor een andere klacht. Gebruik een nieuwe sleutel voor een nieuw verzoek, en dezelfde alleen om precies hetzelfde verzoek te herhalen."],
                statusCode: StatusCodes.Status422UnprocessableEntity,
                type: ApiProblems.ProblemTypeBase + "idempotency-key-reused");
        }

        var contact = new CustomerContact(request.CustomerName!, request.Email, request.Phone, request.Postcode);
        var details = new ComplaintDetails(request.Channel, request.Category, request.ProductName!, request.ArticleNumber, request.PurchaseDate, request.PurchasePlace, request.Receipt, request.Description!, request.DesiredOutcome, storeId);
        RecordedComplaint recorded;
        if (request.Resolution is { } resolution)
        {
            // No letter: the integration tells its customer itself (it has the tracking code in the answer).
            var outcome = await desk.RecordAndResolveAsync(new RecordAndResolve(submission, contact, details, resolution.ToGranted(), new StaffMember(keyId, user.Identity!.Name!)) { Client = keyId, Letter = null }, cancellationToken);
            if (!outcome.IsRecorded)
            {
                return ApiOutcome.Problem(outcome, t, formats);
            }

            recorded = outcome.Recorded;
        }
        else
        {
            var received = await desk.ReceiveAsync(new Receive(submission, keyId, contact, details) { Letter = null }, cancellationToken);
            if (!received.IsRecorded)
            {
                return ApiOutcome.Problem(received, t, formats);
            }

            recorded = received.Recorded;
            if (!recorded.AlreadyRecorded)
            {
                await audit.RecordNowAsync(AuditAction.ComplaintRecorded, nameof(Complaint), recorded.TrackingCode, AuditNote.ReceivedThroughApi, cancellationToken);
            }
        }

        var status = await StatusAsync(db, recorded.TrackingCode, cancellationToken);
        return recorded.AlreadyRecorded ? Results.Ok(status) : Results.Created($"/api/v1/complaints/{recorded.TrackingCode}", status);
    }

    /// <summary>Whether a repeated request asks for what the first one stored (its complaint's own facts).</summary>
    private static bool IsSameRequest(Complaint earlier, CreateComplaint request) =>
        earlier.Customer is { } customer
        && customer.Name == request.CustomerName?.Trim()
        && customer.Email == Customer.NormalizeEmail(request.Email)
        && earlier.Channel == request.Channel
        && earlier.Category == request.Category
        && earlier.ProductName == request.ProductName?.Trim()
        && earlier.Description == request.Description?.Trim()
        && earlier.DesiredOutcome == request.DesiredOutcome
        && (request.Resolution is not { } asked || (earlier.Resolution?.Type == asked.ResolutionType && earlier.Resolution.AmountCents == asked.ToGranted().Amount?.Cents));

    private static async Task<IResult> GetAsync(string code, ClaimsPrincipal user, HttpContext http, AppDbContext db, IStringLocalizer<SharedResource> t, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var status = TrackingCode.TryParse(code, out var parsed) ? await StatusAsync(db, parsed!.Value, cancellationToken, db.Complaints.Reachable(user)) : null;
        if (status is null)
        {
            return ApiProblems.NoSuchComplaint(t);
        }

        // A poller sends back the ETag it got: unchanged is 304 without a body.
        var etag = ListsApi.ETagOf(status, json.Value.SerializerOptions);
        http.Response.Headers.ETag = etag;
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*"))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Ok(status);
    }

    /// <summary>The status of a complaint among <paramref name="reachable"/> (a key's stores; every complaint when null).</summary>
    private static async Task<ComplaintStatusResponse?> StatusAsync(AppDbContext db, string trackingCode, CancellationToken cancellationToken, IQueryable<Complaint>? reachable = null)
    {
        var c = await (reachable ?? db.Complaints).AsNoTracking().Include(x => x.Investigation).FirstOrDefaultAsync(x => x.TrackingCode == Domain.TrackingCode.Parse(trackingCode), cancellationToken);
        return c is null
            ? null
            : new ComplaintStatusResponse(
                c.TrackingCodeDisplay,
                c.Status,
                c.Channel,
                c.ProductName,
                c.ReceivedAt,
                c.Resolution is { } r ? new ResolutionStatus(r.Type, r.AmountCents, r.RefundMethod, r.Note, r.GrantedByName, r.GrantedAt) : null,
                c.Investigation?.OwnerName,
                c.Status == Domain.ComplaintStatus.Closed ? c.Investigation?.ImprovementText : null,
                c.StoreId is { } storeId ? await db.Stores.Where(s => s.Id == storeId).Select(s => s.Code).FirstOrDefaultAsync(cancellationToken) : null);
    }

    /// <summary>The request to create a complaint. Enum values are their names, e.g. "Refund".</summary>
    public sealed class CreateComplaint : IComplaintFields, ICustomerFields
    {
        public string? CustomerName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Postcode { get; set; }

        public Channel Channel { get; set; } = Channel.Web;

        public ComplaintCategory Category { get; set; } = ComplaintCategory.ProductDefect;

        public string? ProductName { get; set; }

        public string? ArticleNumber { get; set; }

        public DateOnly? PurchaseDate { get; set; }

        public string? PurchasePlace { get; set; }

        public ReceiptStatus Receipt { get; set; } = ReceiptStatus.Unknown;

        public string? Description { get; set; }

        public ResolutionType DesiredOutcome { get; set; } = ResolutionType.Refund;

        /// <summary>Optional: the code of the store where it happened (GET /api/v1/stores).</summary>
        public string? StoreCode { get; set; }

        /// <summary>Optional: grant this resolution at once.</summary>
        public GrantResolution? Resolution { get; set; }
    }

    /// <summary>A resolution to grant at once. Amount as text in euros ("24.95" or "24,95").</summary>
    public sealed class GrantResolution : IResolutionFields
    {
        public ResolutionType ResolutionType { get; set; }

        public string? Amount { get; set; }

        public RefundMethod RefundMethod { get; set; } = RefundMethod.OriginalPayment;

        public string? ResolutionNote { get; set; }
    }

    public sealed class CreateComplaintValidator : AbstractValidator<CreateComplaint>
    {
        public CreateComplaintValidator(IStringLocalizer<SharedResource> t, Organisation.OrganisationCalendar calendar)
        {
            Include(new CustomerFieldsValidator(t));
            Include(new ComplaintFieldsValidator(t, calendar));
            RuleFor(x => x.DesiredOutcome).IsInEnum().WithMessage(_ => t["Kies wat de klant graag wil."]);
            RuleFor(x => x.Resolution!).SetValidator(new ResolutionFieldsValidator(t)).When(x => x.Resolution is not null);
        }
    }

    public sealed record ComplaintStatusResponse(
        string TrackingCode,
        ComplaintStatus Status,
        Channel Channel,
        string ProductName,
        DateTime ReceivedAt,
        ResolutionStatus? Resolution,
        string? InvestigatedBy,
        string? WhatWeImproved,
        string? StoreCode = null);

    public sealed record ResolutionStatus(ResolutionType Type, long? AmountCents, RefundMethod? RefundMethod, string? Note, string GrantedBy, DateTime GrantedAt);
}
