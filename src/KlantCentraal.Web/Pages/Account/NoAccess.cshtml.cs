using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>Someone the organisation's provider knows, but KlantCentraal may not let in: no mapped role, deactivated, or no e-mail address.</summary>
public sealed class NoAccessModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public void OnGet()
    {
    }
}
