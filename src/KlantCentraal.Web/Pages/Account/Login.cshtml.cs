using FluentValidation;
using KlantCentraal.Web.Auditing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
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
    IOptions<OidcOptions> oidc,
    IStringLocalizer<SharedResource> t,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Signing in again on purpose (before setting a co-sign PIN): the provider is asked to ask for the login too, not to reuse its session.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Again { get; set; }

    /// <summary>The organisation's own provider, shown first when it is configured (ADR 0026).</summary>
    public OidcOptions Sso => oidc.Value;

    /// <summary>Whether the e-mail and password form is offered.</summary>
    public bool LocalPasswords => !Sso.Enabled || Sso.LocalPasswords;

    public void OnGet([FromQuery] string? sso)
    {
        if (sso == "failed")
        {
            ModelState.AddModelError(string.Empty, SsoFailed());
        }
    }

    /// <summary>To the provider (with PKCE); back at <see cref="OnGetExternalAsync"/>. A provider that cannot be reached gets a plain message.</summary>
    public async Task<IActionResult> OnPostSsoAsync()
    {
        if (!Sso.Enabled)
        {
            return NotFound();
        }

        var properties = signIn.ConfigureExternalAuthenticationProperties(OidcOptions.Scheme, Url.Page("/Account/Login", "External", new { ReturnUrl }));
        if (Again)
        {
            properties.SetParameter(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectParameterNames.Prompt, "login");
        }

        try
        {
            await HttpContext.ChallengeAsync(OidcOptions.Scheme, properties);
            return new EmptyResult();
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.LogWarning("The sign-in provider {Authority} cannot be reached: {Error}", Sso.Authority, ex.Message);
            ModelState.AddModelError(string.Empty, SsoFailed());
            return Page();
        }
    }

    /// <summary>Back from the provider: the staff member is made or brought up to date, then signed in as with a password.</summary>
    public async Task<IActionResult> OnGetExternalAsync([FromServices] StaffProvisioning provisioning, CancellationToken cancellationToken)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
        {
            ModelState.AddModelError(string.Empty, SsoFailed());
            return Page();
        }

        var (result, user) = await provisioning.ProvisionAsync(external.Principal, cancellationToken);
        if (result != ProvisioningResult.SignedIn)
        {
            return RedirectToPage("/Account/NoAccess", new { reason = result.ToString() });
        }

        var properties = new AuthenticationProperties();
        if (external.Properties?.GetTokenValue("id_token") is { } idToken)
        {
            // Kept in the staff cookie for the provider's sign-out (id_token_hint), and nothing else of the provider's.
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }

        await signIn.SignInAsync(user!, properties, OidcOptions.Scheme);
        logger.LogInformation("Staff member {UserId} signed in through {Provider}", user!.Id, Sso.Authority);
        return await LandingAsync(user);
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<LoginModel.InputModel> validator, [FromServices] AuditLog audit, CancellationToken cancellationToken)
    {
        if (!LocalPasswords)
        {
            return NotFound();
        }

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
            await audit.RecordNowAsync(AuditAction.StaffSignedIn, nameof(StaffUser), user.Id, AuditNote.SignedInWithPassword, cancellationToken, user.Email);
            logger.LogInformation("Staff member {UserId} signed in", user.Id);
            return await LandingAsync(user);
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

    private async Task<IActionResult> LandingAsync(StaffUser user)
    {
        if (Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }

        var roles = await users.GetRolesAsync(user);
        return LocalRedirect(roles.Contains(Roles.ServiceDesk) || roles.Contains(Roles.Manager) ? "/Desk" : roles.Contains(Roles.Finance) ? "/Finance/Payouts" : roles.Contains(Roles.Admin) ? "/Admin/Staff" : "/");
    }

    private string SsoFailed() => LocalPasswords
        ? t["Inloggen via {0} is niet gelukt. Probeer het opnieuw, of log hieronder in met uw e-mailadres en wachtwoord.", Sso.DisplayName]
        : t["Inloggen via {0} is niet gelukt. Probeer het over een paar minuten opnieuw; lukt het dan nog niet, vraag de beheerder om hulp.", Sso.DisplayName];

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
