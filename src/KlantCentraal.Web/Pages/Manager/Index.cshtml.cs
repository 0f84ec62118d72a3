using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Reporting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>The managers' queue of root-cause investigations: filter by status, owner and overdue; search; paging.</summary>
public sealed class IndexModel(AppDbContext db, UserManager<Identity.StaffUser> users, Localization.Formats formats, Organisation.OrganisationCalendar calendar, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 25;

    /// <summary>active (default), all, or one status.</summary>
    [BindProperty(SupportsGet = true)]
    public string Show { get; set; } = "active";

    /// <summary>all (default), mine or unassigned.</summary>
    [BindProperty(SupportsGet = true)]
    public string Owner { get; set; } = "all";

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int WaitingInQueue { get; private set; }

    public int FailedInQueue { get; private set; }

    public int TotalCount { get; private set; }

    public DateOnly Today { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = calendar.Today();
        WaitingInQueue = await db.RootCauseQueue.CountAsync(q => q.Status == QueueItemStatus.Pending, cancellationToken);
        FailedInQueue = await db.RootCauseQueue.CountAsync(q => q.Status == QueueItemStatus.Failed, cancellationToken);

        var query = Filtered();
        TotalCount = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await Rowed(query.Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
    }

    /// <summary>Every investigation the filters select, as CSV, streamed in the list's order.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Today = calendar.Today();
        await SpreadsheetCsv.StreamAsync(
            Response,
            $"klantcentraal-onderzoeken-{Today:yyyy-MM-dd}.csv",
            [t["Onderzoek"], t["Categorie"], t["Status"], t["Eigenaar"], t["Geopend op"], t["Uiterlijk"], t["Klachten"], t["Goodwill (euro)"]],
            Rowed(Filtered()).AsAsyncEnumerable(),
            r => [r.Title, formats.Label(r.Category), formats.Label(r.Status), r.OwnerName, formats.Date(r.OpenedAt), formats.Date(r.DueDate), r.Complaints, Domain.Money.EurosOf(r.GoodwillCents)],
            cancellationToken);
        return new EmptyResult();
    }

    private IQueryable<RootCauseInvestigation> Filtered()
    {
        var query = db.Investigations.AsNoTracking();
        if (Show == "active")
        {
            query = query.Where(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress);
        }
        else if (Enum.TryParse<InvestigationStatus>(Show, out var status))
        {
            query = query.Where(i => i.Status == status);
        }

        if (Owner == "mine")
        {
            var me = users.GetUserId(User);
            query = query.Where(i => i.OwnerId == me);
        }
        else if (Owner == "unassigned")
        {
            query = query.Where(i => i.OwnerId == null);
        }

        if (Overdue)
        {
            var today = Today;
            query = query.Where(i => (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress) && i.DueDate < today);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var like = SearchText.ContainsPattern(Q);
            query = query.Where(i => EF.Functions.Like(i.SearchTitle!, like));
        }

        return query.OrderBy(i => i.DueDate).ThenBy(i => i.Id);
    }

    private IQueryable<Row> Rowed(IQueryable<RootCauseInvestigation> investigations) =>
        investigations
            .Select(i => new Row(
                i.Id,
                i.Title,
                i.Category,
                i.Status,
                i.OwnerName,
                i.DueDate,
                i.OpenedAt,
                db.Complaints.Count(c => c.InvestigationId == i.Id),
                db.Complaints.Where(c => c.InvestigationId == i.Id).Sum(c => c.Resolution!.AmountCents ?? 0)));

    public sealed record Row(int Id, string Title, ComplaintCategory Category, InvestigationStatus Status, string? OwnerName, DateOnly DueDate, DateTime OpenedAt, int Complaints, long GoodwillCents);
}
