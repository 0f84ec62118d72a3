using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>One staff account: first name and roles, deactivate or reactivate, and a link for a new password.</summary>
public sealed class StaffMemberModel(StaffMemberModel.Query query, UserManager<StaffUser> users, StaffAccounts accounts, AuditLog audit, StoreDirectory stores, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>What the page reads (issue 42, Contoso's Query): the person with their roles, their link with the organisation account, and the stores they may belong to.</summary>
    public sealed class Query(UserManager<StaffUser> users, AppDbContext db, Microsoft.Extensions.Options.IOptions<OidcOptions> oidc)
    {
        public bool ProviderEnabled => oidc.Value.Enabled;

        /// <summary>The person (tracked, for the page's writes through the same UserManager), or null.</summary>
        public async Task<Shown?> MemberAsync(string id)
        {
            if (await users.FindByIdAsync(id) is not { } member)
            {
                return null;
            }

            var roles = await users.GetRolesAsync(member);
            var linked = (await users.GetLoginsAsync(member)).Any(l => l.LoginProvider == OidcOptions.Scheme);
            var memberId = member.Id;
            var mine = await db.StoreMemberships.Where(m => m.StaffUserId == memberId).Select(m => m.StoreId).ToListAsync();
            var stores = await db.Stores.AsNoTracking().Where(s => s.ClosedAt == null || mine.Contains(s.Id)).OrderBy(s => s.Name)
                .Select(s => new StoreChoice(s.Id, s.Code, s.Name, s.City)).ToListAsync();
            return new Shown(member, roles, linked, stores, mine);
        }
    }

    public sealed record Shown(StaffUser Member, IList<string> Roles, bool ProviderLinked, IReadOnlyList<StoreChoice> Stores, List<int> Mine);

    /// <summary>Company sign-in is on: the page shows the link with the organisation account (ADR 0026).</summary>
    public bool ProviderEnabled => query.ProviderEnabled;

    /// <summary>The account is linked to an organisation account.</summary>
    public bool ProviderLinked { get; private set; }

    /// <summary>Every open store, and the closed ones this person still belongs to.</summary>
    public IReadOnlyList<StoreChoice> Stores { get; private set; } = [];

    [BindProperty]
    public bool AllStores { get; set; }

    [BindProperty]
    public List<int> StoreIds { get; set; } = [];

    public StaffUser? Member { get; private set; }

    public IList<string> CurrentRoles { get; private set; } = [];

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(FirstName) || FirstName.Trim().Length > 100)
        {
            ModelState.AddModelError(nameof(FirstName), t["Vul de voornaam in. Die zien klanten."]);
            return Page();
        }

        if (Roles.Count == 0)
        {
            ModelState.AddModelError(nameof(Roles), t["Kies minstens één rol."]);
            return Page();
        }

        Member!.FirstName = FirstName.Trim();
        var updated = await users.UpdateAsync(Member);
        var result = updated.Succeeded ? await accounts.SetRolesAsync(Member, Roles) : updated;
        return await DoneAsync(result, AuditAction.StaffUpdated, string.Join(",", Roles), t["De gegevens zijn opgeslagen."]);
    }

    /// <summary>Which stores the person works for: every store (central staff) or the ones ticked.</summary>
    public async Task<IActionResult> OnPostStoresAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!AllStores && StoreIds.Count == 0)
        {
            ModelState.AddModelError(nameof(StoreIds), t["Kies minstens één winkel, of kies \"Alle winkels\" voor centrale medewerkers."]);
            return Page();
        }

        if (!(await stores.SetStaffStoresAsync(Member!.Id, AllStores, StoreIds, cancellationToken)).IsDone)
        {
            return NotFound();
        }

        Saved = t["De winkels van {0} zijn opgeslagen.", Member.FirstName];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id) =>
        await LoadAsync(id) ? await DoneAsync(await accounts.DeactivateAsync(Member!), AuditAction.StaffDeactivated, null, t["Het account is uitgeschakeld. De naam blijft op de tijdlijnen staan."]) : NotFound();

    public async Task<IActionResult> OnPostReactivateAsync(string id) =>
        await LoadAsync(id) ? await DoneAsync(await accounts.ReactivateAsync(Member!), AuditAction.StaffReactivated, null, t["Het account is weer actief."]) : NotFound();

    /// <summary>"Koppel aan organisatieaccount": the next sign-in with this verified address links the account (ADR 0026).</summary>
    public async Task<IActionResult> OnPostAllowLinkAsync(string id) =>
        await LoadAsync(id) && ProviderEnabled && !ProviderLinked
            ? await DoneAsync(await accounts.AllowProviderLinkAsync(Member!, allow: true), AuditAction.StaffProviderLinkAllowed, AuditDetail.Of(AuditNote.LinkAllowed), t["De eerstvolgende aanmelding met het organisatieaccount met e-mailadres {0} koppelt dit account.", Member!.Email!])
            : NotFound();

    public async Task<IActionResult> OnPostCancelLinkAsync(string id) =>
        await LoadAsync(id) && Member!.ProviderLinkAllowed
            ? await DoneAsync(await accounts.AllowProviderLinkAsync(Member!, allow: false), AuditAction.StaffProviderLinkAllowed, AuditDetail.Of(AuditNote.LinkWithdrawn), t["Het account wordt niet meer gekoppeld aan een organisatieaccount."])
            : NotFound();

    /// <summary>Ends the link: the organisation account no longer signs in here (a wrong link is undone this way).</summary>
    public async Task<IActionResult> OnPostUnlinkAsync(string id) =>
        await LoadAsync(id) && ProviderLinked
            ? await DoneAsync(await accounts.UnlinkProviderAsync(Member!), AuditAction.StaffProviderLinkAllowed, AuditDetail.Of(AuditNote.Unlinked), t["Het account is losgekoppeld van het organisatieaccount."])
            : NotFound();

    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await accounts.SendPasswordLinkAsync(Member!, invitation: false, cancellationToken);
        await audit.RecordNowAsync(AuditAction.StaffPasswordLinkSent, "Staff", Member!.Email!, null, cancellationToken);
        Saved = t["Er is een link gemaild om een nieuw wachtwoord te kiezen."];
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> DoneAsync(IdentityResult result, AuditAction action, string? detail, string message)
    {
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await audit.RecordNowAsync(action, "Staff", Member!.Email!, detail, HttpContext.RequestAborted);
        Saved = message;
        return RedirectToPage(new { id = Member!.Id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await query.MemberAsync(id) is not { } shown)
        {
            return false;
        }

        (Member, CurrentRoles, ProviderLinked, Stores, var mine) = shown;
        if (!HttpMethods.IsPost(Request.Method))
        {
            FirstName = Member.FirstName;
            Roles = [.. CurrentRoles];
            AllStores = Member.AllStores;
            StoreIds = mine;
        }

        return true;
    }
}
