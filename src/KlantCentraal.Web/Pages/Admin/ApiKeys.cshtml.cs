using KlantCentraal.Web.Api;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>API keys for integrations: create with scopes (the key is shown once), and revoke.</summary>
public sealed class ApiKeysModel(AppDbContext db, WriteGate gate, AuditLog audit, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<ApiScopes> Scopes { get; set; } = [];

    [TempData]
    public string? NewKey { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            ModelState.AddModelError(nameof(Name), t["Geef de sleutel een naam, bijvoorbeeld de naam van de webwinkel (hoogstens 100 tekens)."]);
        }

        var scopes = Scopes.Aggregate(ApiScopes.None, (all, s) => all | s);
        if (scopes == ApiScopes.None)
        {
            ModelState.AddModelError(nameof(Scopes), t["Kies minstens één recht."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (key, plain) = ApiKey.Create(Name!.Trim(), scopes, User.Identity?.Name ?? "?", time.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        audit.Record(AuditAction.ApiKeyCreated, nameof(ApiKey), key.Lookup, $"{key.Name}: {scopes}");
        await gate.SaveAsync(db, cancellationToken);
        NewKey = plain;
        Saved = t["De sleutel is aangemaakt. Kopieer hem nu: hij wordt maar één keer getoond."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return NotFound();
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Record(AuditAction.ApiKeyRevoked, nameof(ApiKey), key.Lookup, key.Name);
            await gate.SaveAsync(db, cancellationToken);
        }

        Saved = t["De sleutel {0} is ingetrokken en werkt niet meer.", key.Name];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
}
