using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>Signs the staff member out everywhere (POST only, with antiforgery): a saved copy of the cookie stops working too.</summary>
public sealed class LogoutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutEverywhereAsync(User);
        return RedirectToPage("/Index");
    }
}
