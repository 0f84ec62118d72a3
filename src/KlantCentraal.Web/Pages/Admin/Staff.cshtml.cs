using KlantCentraal.Domain;
using FluentValidation;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>Staff accounts: search the list, and create an account that gets an invitation to set its password.</summary>
public sealed class StaffModel(
    AppDbContext db,
    StaffAccounts accounts,
    AuditLog audit,
    Mail.MailOutbox outbox,
    Microsoft.Extensions.Options.IOptions<OidcOptions> oidc,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Whether company sign-in is on, so an invitation can be "met organisatieaccount".</summary>
    public bool ProviderEnabled => oidc.Value.Enabled;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<StaffModel.InputModel> validator, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        if (ModelState.IsValid)
        {
            var withProvider = Input.WithProvider && ProviderEnabled;
            var result = await accounts.CreateAsync(Input.FirstName!, Input.Email!, Input.Roles, withProvider, cancellationToken);
            if (result.Succeeded)
            {
                await audit.RecordNowAsync(AuditAction.StaffCreated, "Staff", Input.Email!.Trim(), withProvider ? AuditDetail.Of(AuditNote.InvitedWithProvider, string.Join(",", Input.Roles)) : string.Join(",", Input.Roles), cancellationToken);
                Saved = withProvider
                    ? t["Het account voor {0} is aangemaakt. De eerste aanmelding met het organisatieaccount met dit e-mailadres koppelt het; de uitnodiging is gemaild.", Input.Email!]
                    : t["Het account voor {0} is aangemaakt. De uitnodiging om een wachtwoord te kiezen is gemaild.", Input.Email!];
                return RedirectToPage();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", error.Code is "DuplicateUserName" or "DuplicateEmail" ? t["Er bestaat al een account met dit e-mailadres."] : error.Description);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Letters that wait longer than 15 minutes to go out (the mail server or its token), and to whom.</summary>
    public Mail.MailOutbox.Waiting LettersWaiting { get; private set; } = new(0, null, []);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        LettersWaiting = await outbox.WaitingAsync(cancellationToken);
        // Staff accounts number in the hundreds, so the search folds case and accents in memory ("ozlem" finds Özlem).
        var term = SearchText.Fold(Q);
        var users = (await db.Users.AsNoTracking().OrderBy(u => u.FirstName).ThenBy(u => u.Email)
                .Select(u => new { u.Id, u.FirstName, u.Email, u.IsActive, u.LockoutEnd, u.AllStores, Stores = db.StoreMemberships.Where(m => m.StaffUserId == u.Id).Join(db.Stores, m => m.StoreId, s => s.Id, (_, s) => s.Code).ToList() })
                .ToListAsync(cancellationToken))
            .Where(u => term.Length == 0 || SearchText.Fold(u.FirstName + " " + u.Email).Contains(term, StringComparison.Ordinal))
            .Take(200)
            .ToList();
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        Rows = users.Select(u => new Row(
            u.Id,
            u.FirstName,
            u.Email ?? string.Empty,
            u.IsActive,
            u.LockoutEnd > DateTimeOffset.UtcNow,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            u.AllStores,
            u.Stores.Order().ToList())).ToList();
    }

    /// <summary>A staff member in the list; <see cref="StoreCodes"/> empty and not <see cref="AllStores"/>: "zonder winkel".</summary>
    public sealed record Row(string Id, string FirstName, string Email, bool IsActive, bool LockedOut, IReadOnlyList<string> Roles, bool AllStores, IReadOnlyList<string> StoreCodes);

    public sealed class InputModel
    {
        public string? FirstName { get; set; }

        public string? Email { get; set; }

        public List<string> Roles { get; set; } = [];

        /// <summary>Invited "met organisatieaccount": no password; the first verified sign-in links the account.</summary>
        public bool WithProvider { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(x => x.FirstName)
                .NotEmpty().WithMessage(_ => t["Vul de voornaam in. Die zien klanten."])
                .MaximumLength(100).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", 100]);
            RuleFor(x => x.Email)
                .NotEmpty().WithMessage(_ => t["Vul het e-mailadres in."])
                .MaximumLength(254).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", 254])
                .DeliverableEmailAddress().WithMessage(_ => t["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]);
            RuleFor(x => x.Roles)
                .Must(r => r.Count > 0 && r.All(Identity.Roles.All.Contains)).WithMessage(_ => t["Kies minstens één rol."]);
        }
    }
}
