using FluentValidation;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>
/// Staff sign-in. Five wrong passwords lock the account for 15 minutes; deactivated accounts cannot sign in. Whether
/// an account exists, is deactivated or is locked out cannot be told from the answer or its timing.
/// </summary>
public sealed class LoginModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
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

        // Same work and the same answer whatever the account: an unknown e-mail address still costs one password
        // hash, and "unknown", "wrong password", "deactivated" and "locked out" read alike (ASVS 2.2, 3.x).
        var user = await users.FindByEmailAsync(Input.Email!);
        var passwordMatches = user is null
            ? HashesAnyway(Input.Password!)
            : await users.CheckPasswordAsync(user, Input.Password!);
        if (user is not null && passwordMatches && user.IsActive && !await users.IsLockedOutAsync(user))
        {
            await users.ResetAccessFailedCountAsync(user);
            await signIn.SignInAsync(user, isPersistent: false);
            logger.LogInformation("Staff member {UserId} signed in", user.Id);
            if (Url.IsLocalUrl(ReturnUrl))
            {
                return LocalRedirect(ReturnUrl);
            }

            var roles = await users.GetRolesAsync(user);
            return LocalRedirect(roles.Contains(Roles.ServiceDesk) || roles.Contains(Roles.Manager) ? "/Desk" : roles.Contains(Roles.Admin) ? "/Admin/Staff" : "/");
        }

        if (user is not null && !passwordMatches)
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                logger.LogWarning("Staff account {UserId} locked out after failed sign-ins", user.Id);
            }
        }

        ModelState.AddModelError(string.Empty, t["Inloggen is niet gelukt. Controleer uw e-mailadres en wachtwoord. Na vijf mislukte pogingen kunt u 15 minuten niet inloggen; lukt het daarna nog niet, vraag de beheerder om hulp."]);
        return Page();
    }

    /// <summary>Verifies the password against a hash nobody has, so an unknown account takes as long as a known one.</summary>
    private bool HashesAnyway(string password)
    {
        _nobodysHash ??= hasher.HashPassword(_nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(_nobody, _nobodysHash, password);
        return false;
    }

    private static readonly StaffUser _nobody = new() { Id = "nobody", UserName = "nobody" };
    private static string? _nobodysHash;

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
