using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// A manager's own co-sign PIN (ADR 0027): at least six digits, stored hashed, blocked after five wrong tries until a
/// new one is set here. With it a manager co-signs on the spot without a password in KlantCentraal (single sign-on).
/// Setting it asks for a sign-in less than ten minutes ago (someone at an unattended desk cannot set a PIN of their
/// own), and a blocked PIN cannot be renewed to itself.
/// </summary>
public sealed class CoSignPinModel(UserManager<StaffUser> users, IPasswordHasher<StaffUser> hasher, AuditLog audit, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>False when the manager signed in longer ago than <see cref="Security.StaffSessions.RecentSignIn"/>: sign in again first.</summary>
    public bool RecentlySignedIn { get; private set; }

    [BindProperty]
    public string? Pin { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public bool HasPin { get; private set; }

    public bool Blocked { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var me = await users.GetUserAsync(User);
        if (me is null)
        {
            return Challenge();
        }

        (HasPin, Blocked) = (me.CoSignPinHash is not null, me.CoSignPinBlocked);
        RecentlySignedIn = await IsRecentAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = await users.GetUserAsync(User);
        if (me is null)
        {
            return Challenge();
        }

        (HasPin, Blocked) = (me.CoSignPinHash is not null, me.CoSignPinBlocked);
        RecentlySignedIn = await IsRecentAsync();
        if (!RecentlySignedIn)
        {
            ModelState.AddModelError(nameof(Pin), t["Log eerst opnieuw in: een PIN stelt u in binnen tien minuten na het inloggen."]);
            return Page();
        }

        var pin = Pin?.Trim();
        if (!Complaints.CoSigning.IsPin(pin))
        {
            ModelState.AddModelError(nameof(Pin), t["Kies een PIN van 6 tot 12 cijfers."]);
        }
        else if (pin!.Distinct().Count() == 1 || "01234567890123456789".Contains(pin!, StringComparison.Ordinal) || "98765432109876543210".Contains(pin!, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Pin), t["Deze PIN is te makkelijk te raden (zoals 111111 of 123456). Kies een andere."]);
        }
        else if (pin != Repeat?.Trim())
        {
            ModelState.AddModelError(nameof(Repeat), t["De twee PIN's zijn niet gelijk. Typ dezelfde PIN twee keer."]);
        }
        else if (me.CoSignPinBlocked && me.CoSignPinHash is not null && hasher.VerifyHashedPassword(me, me.CoSignPinHash, pin!) != PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError(nameof(Pin), t["Dit is de PIN die geblokkeerd werd. Kies een andere."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        me.CoSignPinHash = hasher.HashPassword(me, pin!);
        me.CoSignPinFailures = 0;
        await users.UpdateAsync(me);
        await audit.RecordNowAsync(AuditAction.CoSignPinSet, nameof(StaffUser), me.Id, me.Email, cancellationToken);
        Saved = t["Uw meeteken-PIN is opgeslagen. Aan de balie tekent u mee met uw e-mailadres en deze PIN."];
        return RedirectToPage();
    }

    private async Task<bool> IsRecentAsync() =>
        await Security.StaffSessions.SignedInAtAsync(HttpContext) is { } signedIn && time.GetUtcNow() - signedIn <= Security.StaffSessions.RecentSignIn;
}
