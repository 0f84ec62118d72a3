using KlantCentraal.Web.Security;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>
/// Which store the desk works for on this browser: asked once of someone with several stores, remembered, and
/// changeable from the header. Only the person's own stores are offered and accepted.
/// </summary>
public sealed class StoreModel(StoreAccess stores, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(false, [], null);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Access = await stores.GetAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await stores.ChooseAsync(Code, cancellationToken))
        {
            Access = await stores.GetAsync(cancellationToken);
            ModelState.AddModelError(nameof(Code), t["Kies een van uw eigen winkels."]);
            return Page();
        }

        return LocalRedirect(LocalUrls.IsSafe(ReturnUrl) ? ReturnUrl! : "/Desk");
    }
}
