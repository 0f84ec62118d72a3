using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Organisation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>The web inbox: online complaints waiting to be resolved, oldest first, with the date we promised.</summary>
public sealed class InboxModel(AppDbContext db, IOptionsSnapshot<OrganisationOptions> organisation, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = organisation.Value.OnlineResponseWorkingDays;
        var waiting = await db.Complaints.AsNoTracking()
            .Where(c => c.Status == ComplaintStatus.Received)
            .OrderBy(c => c.Id)
            .Take(200)
            .Select(c => new { c.TrackingCode, c.ReceivedAt, CustomerName = c.Customer!.Name, c.ProductName, c.Description, c.DesiredOutcome })
            .ToListAsync(cancellationToken);
        Rows = waiting.Select(c => new Row(
            c.TrackingCode,
            c.ReceivedAt,
            ServiceLevel.AddWorkingDays(DateOnly.FromDateTime(c.ReceivedAt), days),
            c.CustomerName,
            c.ProductName,
            c.Description,
            c.DesiredOutcome)).ToList();
    }

    public sealed record Row(string TrackingCode, DateTime ReceivedAt, DateOnly RespondBy, string CustomerName, string ProductName, string Description, ResolutionType DesiredOutcome)
    {
        public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;
    }
}
