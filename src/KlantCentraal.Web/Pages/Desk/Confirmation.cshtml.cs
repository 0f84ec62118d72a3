using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>The printable confirmation the customer takes home: tracking code, what was agreed, who helped.</summary>
public sealed class ConfirmationModel(AppDbContext db, IOptionsMonitor<OrganisationOptions> organisation, IOptionsMonitor<Mail.MailOptions> mail) : PageModel
{
    public Complaint? Complaint { get; private set; }

    public OrganisationOptions Organisation { get; } = organisation.CurrentValue;

    /// <summary>Whether the confirmation e-mail went out: null when the customer has no e-mail address.</summary>
    public bool? Mailed { get; private set; }

    /// <summary>Letters go to the pickup folder (no mail server): the page says so instead of "gemaild".</summary>
    public bool WritesToFolder => mail.CurrentValue.WritesToFolder;

    public async Task<IActionResult> OnGetAsync(string? code, bool? mailed, CancellationToken cancellationToken)
    {
        Mailed = mailed;
        if (!TrackingCode.TryParse(code, out var trackingCode))
        {
            return NotFound();
        }

        Complaint = await db.Complaints.AsNoTracking()
            .Include(c => c.Customer)
            .Include(c => c.Timeline.OrderBy(e => e.Id))
            .FirstOrDefaultAsync(c => c.TrackingCode == trackingCode!, cancellationToken);
        return Complaint is null ? NotFound() : Page();
    }
}
