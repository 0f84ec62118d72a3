using FluentValidation;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>Staff sign-in. Five wrong passwords lock the account for 15 minutes; deactivated accounts cannot sign in.</summary>
public sealed class LoginModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    IValidator<LoginModel.InputModel> validator,
    IStringLocalizer<SharedResource> t,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddTo(this, nameof(Input));
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is { IsActive: false })
        {
            ModelState.AddModelError(string.Empty, t["Dit account is uitgeschakeld. Vraag de beheerder om hulp."]);
            return Page();
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff member {UserId} signed in", user!.Id);
            if (Url.IsLocalUrl(ReturnUrl))
            {
                return LocalRedirect(ReturnUrl);
            }

            var roles = await users.GetRolesAsync(user);
            return LocalRedirect(roles.Contains(Roles.ServiceDesk) || roles.Contains(Roles.Manager) ? "/Desk" : roles.Contains(Roles.Admin) ? "/Admin/Staff" : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff account {UserId} locked out after failed sign-ins", user!.Id);
            ModelState.AddModelError(string.Empty, t["Te veel mislukte pogingen. Uw account is 15 minuten geblokkeerd; probeer het daarna opnieuw of vraag de beheerder om hulp."]);
            return Page();
        }

        ModelState.AddModelError(string.Empty, t["Het e-mailadres of het wachtwoord klopt niet. Controleer beide en probeer het opnieuw."]);
        return Page();
    }

    public sealed class InputModel
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(x => x.Email)
                .NotEmpty().WithMessage(_ => t["Vul uw e-mailadres in."])
                .MaximumLength(254).WithMessage(_ => t["Vul uw e-mailadres in."]);
            RuleFor(x => x.Password)
                .NotEmpty().WithMessage(_ => t["Vul uw wachtwoord in."])
                .MaximumLength(200).WithMessage(_ => t["Vul uw wachtwoord in."]);
        }
    }
}
