using System.Text;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>A staff member chooses a password through the link from an invitation or a reset.</summary>
public sealed class SetPasswordModel(UserManager<StaffUser> users, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Password) || Password != Repeat)
        {
            ModelState.AddModelError(nameof(Repeat), t["Vul twee keer hetzelfde wachtwoord in."]);
            return Page();
        }

        var user = Email is null ? null : await users.FindByEmailAsync(Email);
        string? token = null;
        try
        {
            token = Token is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
        }
        catch (FormatException)
        {
            token = null;
        }

        if (user is null || token is null || !user.IsActive)
        {
            ModelState.AddModelError(string.Empty, t["Deze link werkt niet (meer). Vraag de beheerder om een nieuwe."]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : nameof(Password), error.Code switch
                {
                    "InvalidToken" => t["Deze link werkt niet (meer). Vraag de beheerder om een nieuwe."],
                    "PasswordTooShort" => t["Kies een wachtwoord van minstens {0} tekens.", StrongPasswords.MinimumLength],
                    _ => error.Description,
                });
            }

            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        TempData["Saved"] = t["Uw wachtwoord is ingesteld. U kunt nu inloggen."].Value;
        return RedirectToPage("Login");
    }
}
