using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>The audit log, read-only: search by who or which record, filter by action and date, newest first.</summary>
public sealed class AuditModel(AppDbContext db, Organisation.OrganisationCalendar calendar) : PageModel
{
    private DateOnly? _from;
    private DateOnly? _to;

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditAction? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get => _from; set => _from = FilterDates.Clamp(value); }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get => _to; set => _to = FilterDates.Clamp(value); }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var like = SearchText.LikePattern(Q);
            var folded = SearchText.ContainsPattern(Q);
            query = query.Where(e => EF.Functions.Like(e.ActorName, like) || EF.Functions.Like(e.TargetId, like) || EF.Functions.Like(e.Detail!, like) || EF.Functions.Like(e.SearchText!, folded));
        }

        if (Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (From is { } from)
        {
            var start = calendar.StartOfDayUtc(from);
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = calendar.StartOfDayUtc(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        TotalCount = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }
}
