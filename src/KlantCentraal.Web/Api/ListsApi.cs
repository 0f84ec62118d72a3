using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Api;

/// <summary>
/// What an integrator reads in bulk (issue 29): complaints and investigations in pages with a cursor (keyset on the
/// id, so a page is stable while complaints are added), "what changed since" from the timeline, and customers by
/// e-mail address or phone number. A store-bound key sees only its stores.
/// </summary>
public static class ListsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/complaints", ListComplaintsAsync)
            .RequireAuthorization(ApiServices.ReadPolicy)
            .RequireRateLimiting(ApiServices.RateLimitPolicy)
            .WithTags("Complaints")
            .WithName("ListComplaints")
            .WithSummary("Complaints in pages, oldest first, filtered by store, status, channel and since when they were received or last changed (scope ReadComplaints).")
            .Produces<ComplaintPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapGet("/api/v1/investigations", ListInvestigationsAsync)
            .RequireAuthorization(ApiServices.ReadPolicy)
            .RequireRateLimiting(ApiServices.RateLimitPolicy)
            .WithTags("Investigations")
            .WithName("ListInvestigations")
            .WithSummary("Root-cause investigations in pages, oldest first, by status and since when they were opened (scope ReadComplaints, a key for every store).")
            .Produces<InvestigationPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapGet("/api/v1/customers", FindCustomersAsync)
            .RequireAuthorization(ApiServices.ReadPolicy)
            .RequireRateLimiting(ApiServices.RateLimitPolicy)
            .WithTags("Customers")
            .WithName("FindCustomers")
            .WithSummary("The customers with this e-mail address or phone number and their complaints; erased customers are never returned (scope ReadComplaints).")
            .Produces<List<CustomerDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>A complaint as a list shows it.</summary>
    public sealed record ComplaintSummary(
        string TrackingCode,
        ComplaintStatus Status,
        Channel Channel,
        ComplaintCategory Category,
        string ProductName,
        string? StoreCode,
        DateTime ReceivedAt,
        DateOnly? RespondBy,
        Regime Regime,
        ResolutionType? ResolutionType,
        long? ResolutionAmountCents,
        DateTime? ResolvedAt);

    /// <summary>One page; <c>next</c> is the cursor of the next page (null on the last).</summary>
    public sealed record ComplaintPage(IReadOnlyList<ComplaintSummary> Items, string? Next);

    public sealed record InvestigationSummary(int Id, string Title, ComplaintCategory Category, InvestigationStatus Status, DateTime OpenedAt, DateOnly DueDate, string? OwnerName, CauseCategory? CauseCategory, string? ImprovementText, DateTime? FixedAt, DateTime? VerifiedAt, DateTime? ClosedAt, int Complaints);

    public sealed record InvestigationPage(IReadOnlyList<InvestigationSummary> Items, string? Next);

    /// <summary>A customer and the tracking codes of their complaints (newest first, at most 50).</summary>
    public sealed record CustomerDto(string CustomerNumber, string Name, string? Email, string? Phone, string? Postcode, DateTime CreatedAt, IReadOnlyList<string> Complaints);

    private static async Task<IResult> ListComplaintsAsync(
        ClaimsPrincipal user,
        AppDbContext db,
        IStringLocalizer<SharedResource> t,
        CancellationToken cancellationToken,
        [FromQuery] string? store = null,
        [FromQuery] ComplaintStatus? status = null,
        [FromQuery] Channel? channel = null,
        [FromQuery] DateTime? receivedSince = null,
        [FromQuery] DateTime? updatedSince = null,
        [FromQuery] string? cursor = null,
        [FromQuery] int? limit = null)
    {
        if (Refused(t, cursor, limit) is { } refusal)
        {
            return refusal;
        }

        var query = db.Complaints.AsNoTracking().Reachable(user);
        if (!string.IsNullOrWhiteSpace(store))
        {
            var code = Store.NormaliseCode(store);
            var storeId = await db.Stores.Where(s => s.Code == code).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (storeId is null)
            {
                return Invalid(t, nameof(store), t["Er is geen winkel met deze code. GET /api/v1/stores geeft de codes."]);
            }

            query = query.Where(c => c.StoreId == storeId);
        }

        query = status is { } s ? query.Where(c => c.Status == s) : query;
        query = channel is { } ch ? query.Where(c => c.Channel == ch) : query;
        query = receivedSince is { } received ? query.Where(c => c.ReceivedAt >= received.ToUniversalTime()) : query;
        if (updatedSince is { } updated)
        {
            // Every change to a complaint writes its timeline: what changed since is what has an entry since.
            var since = updated.ToUniversalTime();
            var changed = db.TimelineEvents.Where(e => e.OccurredAt >= since).Select(e => e.ComplaintId);
            query = query.Where(c => changed.Contains(c.Id));
        }

        var after = AfterOf(cursor);
        var take = limit ?? DefaultLimit;
        var rows = await query.Where(c => c.Id > after).OrderBy(c => c.Id).Take(take + 1)
            .Select(c => new
            {
                c.Id,
                Summary = new ComplaintSummary(
                    c.TrackingCode.Value,
                    c.Status,
                    c.Channel,
                    c.Category,
                    c.ProductName,
                    db.Stores.Where(x => x.Id == c.StoreId).Select(x => x.Code).FirstOrDefault(),
                    c.ReceivedAt,
                    c.RespondBy,
                    c.Regime,
                    c.Resolution == null ? null : c.Resolution.Type,
                    c.Resolution == null ? null : c.Resolution.AmountCents,
                    c.Resolution == null ? null : c.Resolution.GrantedAt),
            })
            .ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        return Results.Ok(new ComplaintPage(
            [.. page.Select(r => r.Summary with { TrackingCode = Domain.TrackingCode.Parse(r.Summary.TrackingCode).Display })],
            rows.Count > take ? CursorAfter(page[^1].Id) : null));
    }

    private static async Task<IResult> ListInvestigationsAsync(
        ClaimsPrincipal user,
        AppDbContext db,
        IStringLocalizer<SharedResource> t,
        CancellationToken cancellationToken,
        [FromQuery] InvestigationStatus? status = null,
        [FromQuery] DateTime? openedSince = null,
        [FromQuery] string? cursor = null,
        [FromQuery] int? limit = null)
    {
        if (Refused(t, cursor, limit) is { } refusal)
        {
            return refusal;
        }

        // An investigation spans stores (one defect, many shops): only a key for every store reads them.
        if (StoreScope.StoresOf(user) is not null)
        {
            return Results.Problem(title: t["Niet toegestaan"], detail: t["Onderzoeken gaan over alle winkels: alleen een API-sleutel voor alle winkels leest ze."], statusCode: StatusCodes.Status403Forbidden, type: ApiProblems.ProblemType(StatusCodes.Status403Forbidden));
        }

        var query = db.Investigations.AsNoTracking().Where(i => i.MergedIntoId == null);
        query = status is { } s ? query.Where(i => i.Status == s) : query;
        query = openedSince is { } since ? query.Where(i => i.OpenedAt >= since.ToUniversalTime()) : query;
        var after = AfterOf(cursor);
        var take = limit ?? DefaultLimit;
        var rows = await query.Where(i => i.Id > after).OrderBy(i => i.Id).Take(take + 1)
            .Select(i => new InvestigationSummary(i.Id, i.Title, i.Category, i.Status, i.OpenedAt, i.DueDate, i.OwnerName, i.CauseCategory, i.ImprovementText, i.FixedAt, i.VerifiedAt, i.ClosedAt, i.Complaints.Count))
            .ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        return Results.Ok(new InvestigationPage(page, rows.Count > take ? CursorAfter(page[^1].Id) : null));
    }

    private static async Task<IResult> FindCustomersAsync(
        ClaimsPrincipal user,
        AppDbContext db,
        IStringLocalizer<SharedResource> t,
        CancellationToken cancellationToken,
        [FromQuery] string? email = null,
        [FromQuery] string? phone = null)
    {
        var (byEmail, byPhone) = (Customer.NormalizeEmail(email), Customer.NormalizePhone(phone));
        if (byEmail is null && byPhone is null)
        {
            return Invalid(t, "email", t["Zoek met een e-mailadres (email=) of een telefoonnummer (phone=)."]);
        }

        // Asked with both, the API answers for the e-mail address (its documented rule); the same customer otherwise as the desk finds them.
        var customers = Customers.CustomerSearch.SameAs(db.Customers.AsNoTracking(), byEmail, byEmail is null ? byPhone : null);
        // A store-bound key finds only customers who complained at one of its stores.
        var reachable = db.Complaints.Reachable(user);
        var found = await customers
            .Where(c => reachable.Any(x => x.CustomerId == c.Id))
            .OrderBy(c => c.Id).Take(20)
            .Select(c => new { c.Id, c.Name, c.Email, c.Phone, c.Postcode, c.CreatedAt, Codes = reachable.Where(x => x.CustomerId == c.Id).OrderByDescending(x => x.Id).Take(50).Select(x => x.TrackingCode).ToList() })
            .ToListAsync(cancellationToken);
        return Results.Ok(found.Select(c => new CustomerDto(Customer.FormatNumber(c.Id), c.Name, c.Email, c.Phone, c.Postcode, c.CreatedAt, [.. c.Codes.Select(code => code.Display)])).ToList());
    }

    /// <summary>An ETag for a representation: a hash of its JSON, so any change an integrator could see changes it.</summary>
    public static string ETagOf<T>(T value, JsonSerializerOptions options) =>
        $"\"{Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, options)))[..22]}\"";

    private static ValidationProblem? Refused(IStringLocalizer<SharedResource> t, string? cursor, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Invalid(t, "limit", t["Kies een limit van 1 tot {0}.", MaxLimit]);
        }

        return cursor is not null && AfterOf(cursor) < 0 ? Invalid(t, "cursor", t["Deze cursor kennen we niet. Gebruik de waarde van 'next' uit het vorige antwoord, ongewijzigd."]) : null;
    }

    private static ValidationProblem Invalid(IStringLocalizer<SharedResource> t, string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: t["Ongeldige aanvraag"]);

    /// <summary>The id after which a page starts: 0 without a cursor, -1 for one we did not write.</summary>
    private static int AfterOf(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("id:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
        }
        catch (FormatException)
        {
            return -1;
        }
    }

    private static string CursorAfter(int id) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"id:{id.ToString(CultureInfo.InvariantCulture)}"));
}
