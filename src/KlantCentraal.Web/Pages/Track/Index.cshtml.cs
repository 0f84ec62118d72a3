using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Security;
using KlantCentraal.Web.Forms;
using KlantCentraal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Track;

/// <summary>
/// The customer's lookup: tracking code plus postcode or e-mail address. Every mismatch gets the same
/// message, so nobody learns which part was wrong. Success leads to the status page by an expiring token.
/// The form carries no antiforgery token (ADR 0024): the lookup acts on no one's session — its only result is a
/// status-page address that whoever knows the code and the postcode can open anyway — and without the token the
/// form page is the same for every visitor, so it is served from the public page cache.
/// </summary>
[EnableRateLimiting(RateLimits.Lookup)]
[IgnoreAntiforgeryToken]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(
    AppDbContext db,
    TrackingTokens tokens,
    LookupThrottle throttle,
    IValidator<IndexModel.InputModel> validator,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Expired { get; private set; }

    public void OnGet(bool expired = false) => Expired = expired;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddTo(this, nameof(Input));
            return Page();
        }

        var parsed = TrackingCode.TryParse(Input.Code, out var code);
        if (parsed && !await throttle.TryAcquireAsync(code!.Value, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "3600";
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Code)}", t["Deze volgcode is het afgelopen uur te vaak geprobeerd. Probeer het over een uur opnieuw, of bel ons: wij helpen u graag."]);
            return Page();
        }

        if (parsed && await MatchesAsync(code!, Input.PostcodeOrEmail!, cancellationToken))
        {
            return RedirectToPage("Status", new { t = tokens.Protect(code!.Value) });
        }

        // Not attached to either field: we do not say which of the two is wrong, so the message shows once, above the form.
        ModelState.AddModelError(string.Empty, t["We vinden geen klacht met deze volgcode en deze postcode of dit e-mailadres. Controleer beide en probeer het opnieuw."]);
        return Page();
    }

    private async Task<bool> MatchesAsync(TrackingCode code, string postcodeOrEmail, CancellationToken cancellationToken)
    {
        var customer = await db.Complaints.AsNoTracking()
            .Where(c => c.TrackingCode == code)
            .Select(c => new { c.Customer!.Postcode, c.Customer.Email })
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return false;
        }

        var postcode = Customer.NormalizePostcode(postcodeOrEmail);
        var email = Customer.NormalizeEmail(postcodeOrEmail);
        return (customer.Postcode is not null && customer.Postcode == postcode)
            || (customer.Email is not null && customer.Email == email);
    }

    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? PostcodeOrEmail { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(x => x.Code)
                .NotEmpty().WithMessage(_ => t["Vul uw volgcode in. U vindt die op uw bevestiging."])
                .MaximumLength(40).WithMessage(_ => t["Een volgcode heeft 9 tekens, zoals K7M-4PX-9QR."]);
            RuleFor(x => x.PostcodeOrEmail)
                .NotEmpty().WithMessage(_ => t["Vul uw postcode of uw e-mailadres in."])
                .MaximumLength(254).WithMessage(_ => t["Vul uw postcode of uw e-mailadres in."]);
        }
    }
}
