using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Forms;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>Resolves a complaint from the web inbox with the usual resolution step (and co-sign when asked).</summary>
public sealed class ResolveModel(
    AppDbContext db,
    ComplaintDesk desk,
    CoSigning coSigning,
    CurrentStaff currentStaff,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public Complaint? Complaint { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool CoSignNeeded { get; private set; }

    public bool SecondCoSignNeeded { get; private set; }

    /// <summary>Known customers with the same e-mail address or phone number: the desk may link the complaint to one.</summary>
    public IReadOnlyList<PossibleMatch> Matches { get; private set; } = [];

    public decimal CoSignLimitEuros => coSigning.LimitEuros;

    public ResolutionFieldsView ResolutionFields(string legend)
    {
        var limit = Money.FromEuros(CoSignLimitEuros);
        return new(Input, legend, CoSignNeeded, SecondCoSignNeeded, limit, limit.Cents, coSigning.SecondLimit.Cents);
    }

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

    public async Task<IActionResult> OnPostAsync(string code, [FromServices] PublicLinks links, [FromServices] IValidator<ResolveModel.InputModel> validator, CancellationToken cancellationToken)
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
        var coSigners = ModelState.IsValid ? await coSigning.VerifyAsync(Input, ModelState, nameof(Input)) : null;
        if (!ModelState.IsValid)
        {
            CoSignNeeded = !string.IsNullOrWhiteSpace(Input.CoSignEmail);
            SecondCoSignNeeded = !string.IsNullOrWhiteSpace(Input.SecondCoSignEmail);
            Input.CoSignPassword = Input.SecondCoSignPassword = null;
            return Page();
        }

        var outcome = await desk.ResolveAsync(new ResolveReceived(Complaint.TrackingCode.Value, Input.ToGranted(), await StaffAsync()) { CoSigners = coSigners, CoSignatures = coSigning.Signatures, Letter = links.Letter() }, cancellationToken);
        switch (outcome)
        {
            case { IsRecorded: true }:
                return RedirectToPage("Confirmation", new { code = Complaint.TrackingCode, mailed = outcome.Mailed });
            case { IsCoSignNeeded: true }:
                CoSignNeeded = true;
                SecondCoSignNeeded = outcome.CoSign.Reasons.HasFlag(CoSignReason.AboveSecondLimit);
                Input.CoSignPassword = Input.SecondCoSignPassword = null;
                ModelState.AddModelError(field, coSigning.Message(outcome.CoSign, Input.ToGranted().Amount));
                return Page();
            default:
                ModelState.AddModelError(string.Empty, t["Een collega heeft deze klacht net opgelost. Er is niets dubbel gegeven."]);
                await LoadAsync(code, cancellationToken);
                return Page();
        }
    }

    /// <summary>The desk confirms that the online complaint comes from a known customer (one of <see cref="Matches"/>).</summary>
    public async Task<IActionResult> OnPostLinkAsync(string code, int customerId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        if (Matches.Any(m => m.Id == customerId) && !(await desk.LinkToCustomerAsync(Complaint!.TrackingCode.Value, customerId, await StaffAsync(), cancellationToken)).IsDone)
        {
            return NotFound();
        }

        return RedirectToPage(new { code = Complaint!.TrackingCode });
    }

    private async Task<StaffMember> StaffAsync()
    {
        return await currentStaff.GetAsync();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        Complaint = TrackingCode.TryParse(code, out var parsed)
            ? await db.Complaints.AsNoTracking().Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == parsed!, cancellationToken)
            : null;
        if (Complaint is { Status: ComplaintStatus.Received, RecordedById: null })
        {
            Matches = await desk.PossibleMatchesAsync(Complaint.Customer!, cancellationToken);
        }

        return Complaint is not null;
    }

    public sealed class InputModel : IResolutionForm
    {
        public ResolutionType ResolutionType { get; set; } = ResolutionType.Refund;

        /// <summary>Ticked after "klopt dit bedrag?" for an unusually high amount.</summary>
        public bool AmountConfirmed { get; set; }

        bool? IResolutionFields.AmountConfirmed => AmountConfirmed;

        public string? Amount { get; set; }

        public RefundMethod RefundMethod { get; set; } = RefundMethod.OriginalPayment;

        public string? ResolutionNote { get; set; }

        public string? CoSignEmail { get; set; }

        public string? CoSignPassword { get; set; }

        public string? SecondCoSignEmail { get; set; }

        public string? SecondCoSignPassword { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t, Microsoft.Extensions.Options.IOptionsMonitor<Settings.PolicyOptions> policy)
        {
            ArgumentNullException.ThrowIfNull(policy);
            Include(new CoSignFieldsValidator(t));
            Include(new ResolutionFieldsValidator(t, () => Money.FromEuros(policy.CurrentValue.ConfirmAmountAboveEuros)));
        }
    }
}
