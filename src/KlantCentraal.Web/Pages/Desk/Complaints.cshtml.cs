using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>All complaints: search, filters, sortable columns and paging, all in the query string so a view can be shared.</summary>
public sealed class ComplaintsModel(AppDbContext db, Formats formats, Organisation.OrganisationCalendar calendar, MailOutbox outbox, StoreAccess stores, IStringLocalizer<SharedResource> t) : PageModel
{
    private DateOnly? _from;
    private DateOnly? _to;
    private string _sort = "-date";

    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintStatus? Status { get; set; }

    /// <summary>Empty: the employee's own stores; "all": every store; a store code: that one of their stores.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(true, [], null);

    [BindProperty(SupportsGet = true)]
    public Channel? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public ResolutionType? Resolution { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get => _from; set => _from = FilterDates.Clamp(value); }

    /// <summary>Only complaints with an e-mail to the customer that could not be sent after every attempt.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Unmailed { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get => _to; set => _to = FilterDates.Clamp(value); }

    /// <summary>date, customer, product, amount or status; a leading '-' sorts descending.</summary>
    [BindProperty(SupportsGet = true)]
    public string Sort { get => _sort; set => _sort = string.IsNullOrWhiteSpace(value) ? "-date" : value; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<IndexModel.RecentComplaint> Rows { get; private set; } = [];

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FilteredAsync(cancellationToken) is not { } query)
        {
            return Forbid();
        }

        TotalCount = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new IndexModel.RecentComplaint(c.TrackingCode.Value, c.ReceivedAt, c.Customer!.Name, c.ProductName, c.Status, c.Resolution!.Type, c.Resolution.AmountCents, db.Stores.Where(s => s.Id == c.StoreId).Select(s => s.Code).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Every complaint the list's filters select, as CSV, in the list's order: streamed row by row from the database
    /// to the response, so a million rows never sit in memory.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await FilteredAsync(cancellationToken) is not { } query)
        {
            return Forbid();
        }

        var rows = query.Select(c => new
        {
            c.TrackingCode,
            c.ReceivedAt,
            Customer = c.Customer!.Name,
            c.ProductName,
            c.Channel,
            c.Category,
            c.Status,
            Type = (ResolutionType?)c.Resolution!.Type,
            c.Resolution.AmountCents,
            Store = db.Stores.Where(s => s.Id == c.StoreId).Select(s => s.Code).FirstOrDefault(),
        }).AsAsyncEnumerable();
        await SpreadsheetCsv.StreamAsync(
            Response,
            $"klantcentraal-klachten-{DateTime.UtcNow:yyyy-MM-dd}.csv",
            [t["Volgcode"], t["Datum"], t["Klant"], t["Product"], t["Binnengekomen via"], t["Categorie"], t["Status"], t["Oplossing"], t["Bedrag (euro)"], t["Winkel"]],
            rows,
            c => [c.TrackingCode.Display, formats.Date(c.ReceivedAt), c.Customer, c.ProductName, formats.Label(c.Channel), formats.Label(c.Category), formats.Label(c.Status), c.Type is { } type ? formats.Label(type) : null, c.AmountCents is { } cents ? Domain.Money.EurosOf(cents) : null, c.Store],
            cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The complaints the filters select, sorted; null when the store filter names someone else's store.</summary>
    private async Task<IQueryable<Complaint>?> FilteredAsync(CancellationToken cancellationToken)
    {
        Access = await stores.GetAsync(cancellationToken);
        // A search looks a customer or code up in every store, unless a store is picked; browsing shows one's own stores.
        var scope = Access.Scope(string.IsNullOrWhiteSpace(Store) && !string.IsNullOrWhiteSpace(Q) ? StoreAccess.AllFilter : Store);
        if (!scope.Allowed)
        {
            return null;
        }

        var query = db.Complaints.AsNoTracking();
        if (scope.Ids is { } ids)
        {
            query = query.Where(c => c.StoreId != null && ids.Contains(c.StoreId.Value));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Fast at any size: the customers whose name, e-mail or phone matches (the trigram index of ADR 0038, not a
            // join per complaint), the exact tracking code, and products that start with the term (an index range
            // on ProductKey) — not a LIKE over every complaint.
            var term = Q.Trim();
            var code = TrackingCode.TryParse(term, out var parsed) ? parsed : null;
            // An exact tracking code is that complaint: found by its unique index, without the customer scan below
            // (issue 32: at ten million complaints the scan alone takes a second).
            var exact = code is not null && await query.AnyAsync(c => c.TrackingCode == code, cancellationToken);
            var folded = SearchText.Fold(term);
            var customers = CustomerSearch.MatchingText(db, term);
            var productFrom = "name:" + folded;
            var productTo = productFrom + "\uffff";
            var article = "article:" + term.ToUpperInvariant();
#pragma warning disable CA1309 // EF translates string.Compare to SQL >= and <, which the ProductKey index answers; ordinal is what SQL does
            query = exact
                ? query.Where(c => c.TrackingCode == code)
                : query.Where(c => c.TrackingCode == code
                    || customers.Contains(c.CustomerId)
                    || (string.Compare(c.ProductKey, productFrom) >= 0 && string.Compare(c.ProductKey, productTo) < 0)
                    || c.ProductKey == article);
#pragma warning restore CA1309
        }

        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        if (Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }

        if (Resolution is { } resolution)
        {
            query = query.Where(c => c.Resolution!.Type == resolution);
        }

        if (Unmailed)
        {
            var undelivered = outbox.GivenUp().Select(m => m.ComplaintId);
            query = query.Where(c => undelivered.Contains(c.Id));
        }

        if (From is { } from)
        {
            var start = calendar.StartOfDayUtc(from);
            query = query.Where(c => c.ReceivedAt >= start);
        }

        if (To is { } to)
        {
            var end = calendar.StartOfDayUtc(to.AddDays(1));
            query = query.Where(c => c.ReceivedAt < end);
        }

        var descending = Sort.StartsWith('-');
        query = Sort.TrimStart('-') switch
        {
            "customer" => descending ? query.OrderByDescending(c => c.Customer!.Name).ThenByDescending(c => c.Id) : query.OrderBy(c => c.Customer!.Name).ThenBy(c => c.Id),
            "product" => descending ? query.OrderByDescending(c => c.ProductName).ThenByDescending(c => c.Id) : query.OrderBy(c => c.ProductName).ThenBy(c => c.Id),
            "amount" => descending ? query.OrderByDescending(c => c.Resolution!.AmountCents).ThenByDescending(c => c.Id) : query.OrderBy(c => c.Resolution!.AmountCents).ThenBy(c => c.Id),
            "status" => descending ? query.OrderByDescending(c => c.Status).ThenByDescending(c => c.Id) : query.OrderBy(c => c.Status).ThenBy(c => c.Id),
            _ => descending ? query.OrderByDescending(c => c.Id) : query.OrderBy(c => c.Id),
        };

        return query;
    }

    /// <summary>The current filters as route values, with some changed: for sort links and paging.</summary>
    public Dictionary<string, string> With(string? sort = null, int? page = null)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
            {
                values[key] = text;
            }
        }

        Add("q", Q);
        Add("store", Store);
        Add("status", Status);
        Add("channel", Channel);
        Add("category", Category);
        Add("resolution", Resolution);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("unmailed", Unmailed ? "true" : null);
        Add("sort", sort ?? Sort);
        Add("p", page ?? PageNumber);
        return values;
    }

    /// <summary>The sort value a column header links to: ascending first, descending when already ascending.</summary>
    public string SortFor(string column) => Sort == column ? "-" + column : column;

    public string? AriaSort(string column) =>
        Sort == column ? "ascending" : Sort == "-" + column ? "descending" : null;
}
