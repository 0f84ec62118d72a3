using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Validation;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>
/// The desk's one step: record the complaint, grant the resolution, hand over the tracking code.
/// A hidden submission id makes a double click or a resubmitted form store exactly one complaint.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    ComplaintDesk desk,
    UserManager<StaffUser> users,
    IValidator<IndexModel.InputModel> validator) : PageModel
{
    public const int PageSize = 20;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RecentComplaint> Recent { get; private set; } = [];

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { SubmissionId = Guid.NewGuid() };
        await LoadRecentAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadRecentAsync(cancellationToken);
            return Page();
        }

        var staff = await CurrentStaffAsync();
        var recorded = await desk.RecordAndResolveAsync(Input.ToCommand(), staff, cancellationToken);
        return RedirectToPage("Confirmation", new { code = recorded.TrackingCode });
    }

    private async Task<StaffMember> CurrentStaffAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        return new StaffMember(user.Id, user.FirstName);
    }

    private async Task LoadRecentAsync(CancellationToken cancellationToken)
    {
        var query = db.Complaints.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            var code = TrackingCode.TryParse(term, out var parsed) ? parsed!.Value : null;
            var pattern = $"%{term.Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)}%";
            query = query.Where(c => c.TrackingCode == code
                || EF.Functions.Like(c.ProductName, pattern)
                || EF.Functions.Like(c.Customer!.Name, pattern));
        }

        TotalCount = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Recent = await query
            .OrderByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new RecentComplaint(c.TrackingCode, c.ReceivedAt, c.Customer!.Name, c.ProductName, c.Status, c.Resolution!.Type, c.Resolution.AmountCents))
            .ToListAsync(cancellationToken);
    }

    public sealed record RecentComplaint(string TrackingCode, DateTime ReceivedAt, string CustomerName, string ProductName, ComplaintStatus Status, ResolutionType? ResolutionType, long? AmountCents)
    {
        public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;
    }

    public sealed class InputModel
    {
        public Guid SubmissionId { get; set; }

        public string? CustomerName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Postcode { get; set; }

        public Channel Channel { get; set; } = Channel.Counter;

        public ComplaintCategory Category { get; set; } = ComplaintCategory.ProductDefect;

        public string? ProductName { get; set; }

        public string? ArticleNumber { get; set; }

        public DateOnly? PurchaseDate { get; set; }

        public string? PurchasePlace { get; set; }

        public ReceiptStatus Receipt { get; set; } = ReceiptStatus.Unknown;

        public string? Description { get; set; }

        public ResolutionType DesiredOutcome { get; set; } = ResolutionType.Refund;

        public ResolutionType ResolutionType { get; set; } = ResolutionType.Refund;

        public string? Amount { get; set; }

        public RefundMethod RefundMethod { get; set; } = RefundMethod.OriginalPayment;

        public string? ResolutionNote { get; set; }

        public bool NeedsAmount => ResolutionType is ResolutionType.Refund or ResolutionType.Voucher;

        internal RecordAndResolve ToCommand()
        {
            Money? amount = NeedsAmount && Money.TryParse(Amount, out var parsed) ? parsed : null;
            return new RecordAndResolve(
                SubmissionId,
                new CustomerContact(CustomerName!, Email, Phone, Postcode),
                new ComplaintDetails(Channel, Category, ProductName!, ArticleNumber, PurchaseDate, PurchasePlace, Receipt, Description!, DesiredOutcome),
                new GrantedResolution(ResolutionType, amount, ResolutionType == ResolutionType.Refund ? RefundMethod : null, NeedsAmount ? null : ResolutionNote));
        }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(x => x.SubmissionId).NotEmpty().WithMessage(_ => t["Het formulier is niet compleet verstuurd. Laad de pagina opnieuw en probeer het nog eens."]);
            RuleFor(x => x.CustomerName)
                .NotEmpty().WithMessage(_ => t["Vul de naam van de klant in."])
                .MaximumLength(Customer.NameMaxLength).WithMessage(_ => t["De naam is te lang: gebruik hoogstens {0} tekens.", Customer.NameMaxLength]);
            RuleFor(x => x.Email)
                .MaximumLength(Customer.EmailMaxLength).WithMessage(_ => t["Het e-mailadres is te lang: gebruik hoogstens {0} tekens.", Customer.EmailMaxLength])
                .EmailAddress().WithMessage(_ => t["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."])
                .When(x => !string.IsNullOrWhiteSpace(x.Email));
            RuleFor(x => x.Phone)
                .Must(BeAPhoneNumber).WithMessage(_ => t["Vul een telefoonnummer in met 6 tot 15 cijfers, zoals 06-12345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Phone));
            RuleFor(x => x.Postcode)
                .Must(p => p!.Length <= 16 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || c == '-'))
                .WithMessage(_ => t["Vul een postcode in met alleen letters en cijfers, zoals 1234 AB."])
                .When(x => !string.IsNullOrWhiteSpace(x.Postcode));
            RuleFor(x => x)
                .Must(x => !string.IsNullOrWhiteSpace(x.Email) || !string.IsNullOrWhiteSpace(x.Phone) || !string.IsNullOrWhiteSpace(x.Postcode))
                .WithName(nameof(InputModel.Email))
                .OverridePropertyName(nameof(InputModel.Email))
                .WithMessage(_ => t["Vul een e-mailadres, telefoonnummer of postcode in, zodat de klant zijn klacht kan volgen en wij hem herkennen."]);

            RuleFor(x => x.Channel).IsInEnum().WithMessage(_ => t["Kies hoe de klacht binnenkwam."]);
            RuleFor(x => x.Category).IsInEnum().WithMessage(_ => t["Kies een categorie."]);
            RuleFor(x => x.ProductName)
                .NotEmpty().WithMessage(_ => t["Vul in over welk product of welke dienst de klacht gaat."])
                .MaximumLength(Complaint.ProductNameMaxLength).WithMessage(_ => t["De productnaam is te lang: gebruik hoogstens {0} tekens.", Complaint.ProductNameMaxLength]);
            RuleFor(x => x.ArticleNumber)
                .MaximumLength(Complaint.ArticleNumberMaxLength).WithMessage(_ => t["Het artikelnummer is te lang: gebruik hoogstens {0} tekens.", Complaint.ArticleNumberMaxLength]);
            RuleFor(x => x.PurchasePlace)
                .MaximumLength(Complaint.PurchasePlaceMaxLength).WithMessage(_ => t["De plaats van aankoop is te lang: gebruik hoogstens {0} tekens.", Complaint.PurchasePlaceMaxLength]);
            RuleFor(x => x.PurchaseDate)
                .Must(d => d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).WithMessage(_ => t["De aankoopdatum kan niet in de toekomst liggen."])
                .Must(d => d >= new DateOnly(1950, 1, 1)).WithMessage(_ => t["Vul een aankoopdatum in na 1950, of laat het veld leeg."])
                .When(x => x.PurchaseDate is not null);
            RuleFor(x => x.Receipt).IsInEnum().WithMessage(_ => t["Kies of de klant een bon heeft: ja, nee of onbekend."]);
            RuleFor(x => x.Description)
                .NotEmpty().WithMessage(_ => t["Beschrijf in een paar woorden wat er mis is."])
                .MaximumLength(Complaint.DescriptionMaxLength).WithMessage(_ => t["De omschrijving is te lang: gebruik hoogstens {0} tekens.", Complaint.DescriptionMaxLength]);
            RuleFor(x => x.DesiredOutcome).IsInEnum().WithMessage(_ => t["Kies wat de klant graag wil."]);

            RuleFor(x => x.ResolutionType).IsInEnum().WithMessage(_ => t["Kies een oplossing."]);
            RuleFor(x => x.Amount)
                .NotEmpty().WithMessage(_ => t["Vul het bedrag in, bijvoorbeeld 24,95."])
                .Must(a => Money.TryParse(a, out _)).WithMessage(_ => t["Vul een bedrag in euro's in zonder minteken, bijvoorbeeld 24,95."])
                .Must(a => !Money.TryParse(a, out var m) || m.IsPositive).WithMessage(_ => t["Het bedrag moet meer dan € 0,00 zijn."])
                .Must(a => !Money.TryParse(a, out var m) || m <= Money.Max).WithMessage(_ => t["Het bedrag kan hoogstens € 100.000,00 zijn."])
                .When(x => x.NeedsAmount);
            RuleFor(x => x.RefundMethod).IsInEnum().WithMessage(_ => t["Kies hoe het geld wordt terugbetaald."]);
            RuleFor(x => x.ResolutionNote)
                .NotEmpty().WithMessage(_ => t["Beschrijf wat de klant krijgt, bijvoorbeeld welk product of welke reparatie."])
                .When(x => !x.NeedsAmount);
            RuleFor(x => x.ResolutionNote)
                .MaximumLength(Resolution.NoteMaxLength).WithMessage(_ => t["De toelichting is te lang: gebruik hoogstens {0} tekens.", Resolution.NoteMaxLength]);
        }

        private static bool BeAPhoneNumber(string? phone)
        {
            if (phone is null)
            {
                return true;
            }

            var digits = phone.Count(char.IsAsciiDigit);
            return phone.Length <= 25 && digits is >= 6 and <= 15
                && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.');
        }
    }
}
