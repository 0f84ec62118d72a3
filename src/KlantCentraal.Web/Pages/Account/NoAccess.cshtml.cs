using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>Someone the organisation's provider knows, but KlantCentraal may not let in: no mapped role, deactivated, no e-mail address, or an account here with the same address that was not released for linking (ADR 0026).</summary>
public sealed class NoAccessModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public void OnGet()
    {
    }
}
