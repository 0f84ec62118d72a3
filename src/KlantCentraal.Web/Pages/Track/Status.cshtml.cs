using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Track;

/// <summary>The customer's status page, reached only through the token the lookup handed out.</summary>
public sealed class StatusModel(AppDbContext db, TrackingTokens tokens, IStringLocalizer<SharedResource> t) : PageModel
{
    public Complaint? Complaint { get; private set; }

    public string StatusExplanation { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "t")] string? token, CancellationToken cancellationToken)
    {
        if (!tokens.TryUnprotect(token, out var trackingCode))
        {
            return RedirectToPage("Index", new { expired = true });
        }

        Complaint = await db.Complaints.AsNoTracking()
            .Include(c => c.Customer)
            .Include(c => c.Investigation)
            .FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (Complaint is null)
        {
            return RedirectToPage("Index", new { expired = true });
        }

        Response.Headers.CacheControl = "no-store";
        StatusExplanation = Complaint.Status switch
        {
            ComplaintStatus.Received => t["We hebben uw klacht ontvangen. We nemen snel contact met u op."],
            ComplaintStatus.Resolved => t["Uw klacht is opgelost. Hieronder ziet u wat u kreeg. We zoeken nog uit hoe het kwam, zodat het niet nog eens gebeurt."],
            ComplaintStatus.Investigating => t["Uw klacht is opgelost. We zoeken nu uit hoe het kwam, zodat het niet nog eens gebeurt."],
            _ => t["Uw klacht is afgerond. Dank u wel dat u het ons liet weten."],
        };
        return Page();
    }
}
