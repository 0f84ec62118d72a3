using KlantCentraal.Web.Api;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>API keys for integrations: create with scopes and, if it should, the stores it reaches (the key is shown once), and revoke.</summary>
public sealed class ApiKeysModel(AppDbContext db, ApiKeyRegistry registry, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<ApiScopes> Scopes { get; set; } = [];

    /// <summary>Store codes, separated by commas or spaces; empty: every store.</summary>
    [BindProperty]
    public string? StoreCodes { get; set; }

    /// <summary>Store codes by id, to show which stores a key reaches.</summary>
    public IReadOnlyDictionary<int, string> StoreCodeOf { get; private set; } = new Dictionary<int, string>();

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

        var codes = (StoreCodes ?? string.Empty).Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Domain.Store.NormaliseCode).Distinct().ToList();
        var stores = codes.Count == 0 ? [] : await db.Stores.Where(s => codes.Contains(s.Code)).Select(s => new { s.Id, s.Code }).ToListAsync(cancellationToken);
        if (codes.Except(stores.Select(s => s.Code)).ToList() is { Count: > 0 } unknown)
        {
            ModelState.AddModelError(nameof(StoreCodes), t["Deze winkelcodes kennen we niet: {0}. Laat het veld leeg voor alle winkels.", string.Join(", ", unknown)]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        NewKey = await registry.IssueAsync(Name!, scopes, [.. stores.Select(s => (s.Id, s.Code))], User.Identity?.Name ?? "?", cancellationToken);
        Saved = t["De sleutel is aangemaakt. Kopieer hem nu: hij wordt maar één keer getoond."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        var name = await db.ApiKeys.Where(k => k.Id == id).Select(k => k.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null || (await registry.RevokeAsync(id, cancellationToken)).Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        Saved = t["De sleutel {0} is ingetrokken en werkt niet meer.", name];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
        var ids = Keys.SelectMany(k => k.StoreIds).Distinct().ToList();
        StoreCodeOf = ids.Count == 0 ? new Dictionary<int, string>() : await db.Stores.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
    }
}
