using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ceilings.Pages;

/// <summary>
/// The stack's floor for the status page (issue 32, a "Fortunes" page): one complaint and its messages read with one
/// compiled EF Core query over the app's own database, rendered by a Razor Page without layout, localisation,
/// antiforgery or anything else the real page does.
/// </summary>
public sealed class FloorModel(AppDbContext db) : PageModel
{
    private static readonly Func<AppDbContext, TrackingCode, Task<Complaint?>> ComplaintWithMessages =
        EF.CompileAsyncQuery((AppDbContext db, TrackingCode code) => db.Complaints.AsNoTracking().Include(c => c.Messages).FirstOrDefault(c => c.TrackingCode == code));

    public Complaint? Complaint { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        Complaint = TrackingCode.TryParse(code, out var parsed) ? await ComplaintWithMessages(db, parsed!) : null;
        return Complaint is null ? NotFound() : Page();
    }
}
