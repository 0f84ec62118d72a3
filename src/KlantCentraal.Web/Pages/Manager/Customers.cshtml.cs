using KlantCentraal.Domain;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// The customers, newest first: search as the desk does (number, name in any case or accents, e-mail, phone,
/// postcode), only those with a trust flag, paging, and the same selection as CSV.
/// </summary>
public sealed class CustomersModel(AppDbContext db, TimeProvider time, Formats formats, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Flagged { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>The search matched more names, e-mail addresses or phone numbers than it considers (ADR 0038): only the newest are listed.</summary>
    public bool MoreThanShown => !string.IsNullOrWhiteSpace(Q) && TotalCount >= CustomerSearch.MaxTextMatches;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Filtered();
        TotalCount = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await Rowed(query.Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
    }

    /// <summary>Every customer the filters select, as CSV in the list's order, streamed row by row.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await SpreadsheetCsv.StreamAsync(
            Response,
            $"klantcentraal-klanten-{time.GetUtcNow():yyyy-MM-dd}.csv",
            [t["Klantnummer"], t["Naam"], t["E-mailadres"], t["Telefoonnummer"], t["Postcode"], t["Klachten"], t["Goodwill (euro)"], t["Laatste klacht"], t["Vertrouwensmarkering"]],
            Rowed(Filtered()).AsAsyncEnumerable(),
            r => [r.CustomerNumber, r.Name, r.Email, r.Phone, r.Postcode, r.Complaints, Domain.Money.EurosOf(r.GoodwillCents), r.LastComplaintAt is { } last ? formats.Date(last) : null, r.TrustFlagReason],
            cancellationToken);
        return new EmptyResult();
    }

    private IQueryable<Customer> Filtered()
    {
        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query = CustomerSearch.Matching(db, query, Q);
        }

        if (Flagged)
        {
            query = query.Where(c => c.TrustFlagReason != null);
        }

        return query.OrderByDescending(c => c.Id);
    }

    private IQueryable<Row> Rowed(IQueryable<Customer> customers) =>
        customers.Select(c => new Row(
            c.Id,
            c.Name,
            c.Email,
            c.Phone,
            c.Postcode,
            db.Complaints.Count(x => x.CustomerId == c.Id),
            db.Complaints.Where(x => x.CustomerId == c.Id).Sum(x => x.Resolution!.AmountCents) ?? 0,
            db.Complaints.Where(x => x.CustomerId == c.Id).Max(x => (DateTime?)x.ReceivedAt),
            c.TrustFlagReason));

    public sealed record Row(int Id, string Name, string? Email, string? Phone, string? Postcode, int Complaints, long GoodwillCents, DateTime? LastComplaintAt, string? TrustFlagReason)
    {
        public string CustomerNumber => Customer.FormatNumber(Id);
    }
}
