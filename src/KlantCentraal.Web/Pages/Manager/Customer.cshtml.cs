using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>A customer's history for managers, and the trust flag: set or lifted with a written reason.</summary>
public sealed class CustomerModel(AppDbContext db, CurrentStaff currentStaff, CustomerTrust trust, Formats formats, IStringLocalizer<SharedResource> t) : PageModel
{
    public Customer? Customer { get; private set; }

    public CustomerHistory? History { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFlagAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(await trust.FlagAsync(id, Reason, await currentStaff.GetAsync(), cancellationToken), t["De vertrouwensmarkering staat aan. Bij deze klant tekent een manager mee; help de klant gewoon."], cancellationToken);

    public async Task<IActionResult> OnPostLiftAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(await trust.LiftAsync(id, Reason, await currentStaff.GetAsync(), cancellationToken), t["De vertrouwensmarkering is opgeheven."], cancellationToken);

    private async Task<IActionResult> ShowAsync(Outcome outcome, string done, CancellationToken cancellationToken)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                Saved = done;
                return RedirectToPage(new { id = outcome.Id });
            case OutcomeKind.Refused:
                ModelState.AddModelError(outcome.Refusal!.Error == DomainError.TrustFlagReasonMissing ? nameof(Reason) : string.Empty, formats.Message(outcome.Refusal));
                return await LoadAsync(outcome.Id, cancellationToken) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Customer = await db.Customers.AsNoTracking().Include(c => c.History.OrderByDescending(h => h.Id)).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        History = Customer is null ? null : await CustomerSearch.HistoryAsync(db, id, cancellationToken);
        return Customer is not null;
    }
}
