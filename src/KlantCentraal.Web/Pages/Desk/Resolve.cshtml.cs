using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>Resolves a complaint from the web inbox with the usual resolution step (and co-sign when asked).</summary>
public sealed class ResolveModel(
    AppDbContext db,
    ComplaintDesk desk,
    MailOutbox outbox,
    CoSigning coSigning,
    UserManager<StaffUser> users,
    IValidator<ResolveModel.InputModel> validator,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public Complaint? Complaint { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool CoSignNeeded { get; private set; }

    public decimal CoSignLimitEuros => coSigning.LimitEuros;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        if (Complaint!.Status != ComplaintStatus.Received)
        {
            return RedirectToPage("Complaint", new { code = Complaint.TrackingCode });
        }

        Input = new InputModel { ResolutionType = Complaint.DesiredOutcome };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        if (Complaint!.Status != ComplaintStatus.Received)
        {
            return RedirectToPage("Complaint", new { code = Complaint.TrackingCode });
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        var field = $"{nameof(Input)}.{nameof(InputModel.CoSignEmail)}";
        var coSigner = ModelState.IsValid ? await coSigning.VerifyAsync(Input.CoSignEmail, Input.CoSignPassword, ModelState, field) : null;
        if (!ModelState.IsValid)
        {
            CoSignNeeded = !string.IsNullOrWhiteSpace(Input.CoSignEmail);
            Input.CoSignPassword = null;
            return Page();
        }

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        try
        {
            await desk.ResolveAsync(Complaint.TrackingCode, Input.ToGranted(), new StaffMember(user.Id, user.FirstName, User.IsInRole(Roles.Manager)), cancellationToken, coSigner, LetterContext.Of(this));
        }
        catch (CoSignatureRequiredException needed)
        {
            CoSignNeeded = true;
            Input.CoSignPassword = null;
            ModelState.AddModelError(field, coSigning.Message(needed.Reasons));
            return Page();
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, t["Een collega heeft deze klacht net opgelost. Er is niets dubbel gegeven."]);
            await LoadAsync(code, cancellationToken);
            return Page();
        }

        var mailed = await outbox.SendOwedAsync(Complaint.TrackingCode, cancellationToken);
        return RedirectToPage("Confirmation", new { code = Complaint.TrackingCode, mailed });
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        Complaint = TrackingCode.TryParse(code, out var parsed)
            ? await db.Complaints.AsNoTracking().Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == parsed!.Value, cancellationToken)
            : null;
        return Complaint is not null;
    }

    public sealed class InputModel : IResolutionFields
    {
        public ResolutionType ResolutionType { get; set; } = ResolutionType.Refund;

        public string? Amount { get; set; }

        public RefundMethod RefundMethod { get; set; } = RefundMethod.OriginalPayment;

        public string? ResolutionNote { get; set; }

        public string? CoSignEmail { get; set; }

        public string? CoSignPassword { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t) => Include(new ResolutionFieldsValidator(t));
    }
}
