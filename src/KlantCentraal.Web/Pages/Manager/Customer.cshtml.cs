using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>A customer's history for managers, and the trust flag: set or lifted with a written reason.</summary>
public sealed class CustomerModel(AppDbContext db, CurrentStaff currentStaff, TimeProvider time, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    public Customer? Customer { get; private set; }

    public CustomerHistory? History { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostFlagAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, AuditAction.TrustFlagSet, (c, me, now) => c.FlagTrust(Reason!, me, now), t["De vertrouwensmarkering staat aan. Bij deze klant tekent een manager mee; help de klant gewoon."], cancellationToken);

    public Task<IActionResult> OnPostLiftAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, AuditAction.TrustFlagLifted, (c, me, now) => c.LiftTrustFlag(Reason!, me, now), t["De vertrouwensmarkering is opgeheven."], cancellationToken);

    private async Task<IActionResult> ChangeAsync(int id, AuditAction action, Action<Customer, StaffMember, DateTime> change, string done, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > Customer.TrustFlagReasonMaxLength)
        {
            ModelState.AddModelError(nameof(Reason), t["Schrijf de reden op (hoogstens {0} tekens).", Customer.TrustFlagReasonMaxLength]);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        var me = await currentStaff.GetAsync();
        try
        {
            change(customer, me, time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException)
        {
            ModelState.AddModelError(string.Empty, t["Deze klant heeft op dit moment geen vertrouwensmarkering."]);
            db.ChangeTracker.Clear();
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        audit.Record(action, nameof(Customer), customer.CustomerNumber, Reason!.Trim());
        await db.SaveChangesAsync(cancellationToken);
        Saved = done;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Customer = await db.Customers.AsNoTracking().Include(c => c.History.OrderByDescending(h => h.Id)).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        History = Customer is null ? null : await CustomerSearch.HistoryAsync(db, id, cancellationToken);
        return Customer is not null;
    }
}
