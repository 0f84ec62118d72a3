using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>The managers' queue: root-cause investigations with their complaints, newest first.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<RootCauseInvestigation> Investigations { get; private set; } = [];

    public int WaitingInQueue { get; private set; }

    public int FailedInQueue { get; private set; }

    public int TotalCount { get; private set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        WaitingInQueue = await db.RootCauseQueue.CountAsync(q => q.Status == QueueItemStatus.Pending, cancellationToken);
        FailedInQueue = await db.RootCauseQueue.CountAsync(q => q.Status == QueueItemStatus.Failed, cancellationToken);
        TotalCount = await db.Investigations.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Investigations = await db.Investigations.AsNoTracking()
            .Include(i => i.Complaints).ThenInclude(c => c.Customer)
            .OrderByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }
}
