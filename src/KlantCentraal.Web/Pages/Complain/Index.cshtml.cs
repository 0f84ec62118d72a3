using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Security;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Complain;

/// <summary>
/// Complain online, for a customer who cannot come to the counter. Recorded and confirmed at once with a
/// tracking code and the promised response date; the desk resolves it from its web inbox. Protected by a rate
/// limit, antiforgery, a request size limit and a honeypot field — no CAPTCHA.
/// </summary>
[EnableRateLimiting(RateLimits.OnlineComplaint)]
[RequestSizeLimit(64 * 1024)]
public sealed class IndexModel(
    ComplaintDesk desk,
    AppDbContext db,
    IStringLocalizer<SharedResource> t,
    Organisation.Deadlines deadlines,
    TimeProvider time) : PageModel
{
    /// <summary>The open stores, for "Waar kocht u het?".</summary>
    public IReadOnlyList<StoreChoice> Stores { get; private set; } = [];

    public const string SentCodeKey = "OnlineComplaintCode";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The desk's promise for a complaint sent now, on the organisation's calendar (the store's, once chosen, may differ: the thank-you page says that one).</summary>
    public DateOnly RespondBy { get; private set; }

    /// <summary>The organisation's regime, whose words the promise takes (a category with its own regime is promised on the thank-you page).</summary>
    public Regime Regime => deadlines.RegimeFor(null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { SubmissionId = Guid.NewGuid() };
        Stores = await OpenStoresAsync(db, cancellationToken);
        RespondBy = await deadlines.RespondByAsync(time.GetUtcNow().UtcDateTime, null, Regime, cancellationToken);
    }

    /// <summary>The stores a customer or an integration may name: the open ones, by city and name.</summary>
    public static Task<List<StoreChoice>> OpenStoresAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Stores.AsNoTracking().Where(s => s.ClosedAt == null).OrderBy(s => s.City).ThenBy(s => s.Name)
            .Select(s => new StoreChoice(s.Id, s.Code, s.Name, s.City)).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] PublicLinks links, [FromServices] IValidator<IndexModel.InputModel> validator, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Input.Website))
        {
            // Only robots fill in the hidden field: they are thanked and nothing is stored.
            return RedirectToPage("Sent");
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        Stores = await OpenStoresAsync(db, cancellationToken);
        var store = Stores.FirstOrDefault(s => s.Code == Store.NormaliseCode(Input.StoreCode));
        if (!string.IsNullOrWhiteSpace(Input.StoreCode) && store is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.StoreCode)}", t["Kies een winkel uit de lijst, of \"Weet ik niet / online\"."]);
        }

        if (!ModelState.IsValid)
        {
            RespondBy = await deadlines.RespondByAsync(time.GetUtcNow().UtcDateTime, null, Regime, cancellationToken);
            return Page();
        }

        var received = await desk.ReceiveAsync(
            new Receive(
                Input.SubmissionId,
                BrowserClient(),
                new CustomerContact(Input.CustomerName!, Input.Email, Input.Phone, Input.Postcode),
                new ComplaintDetails(Channel.Web, Input.Category, Input.ProductName!, Input.ArticleNumber, Input.PurchaseDate, Input.PurchasePlace, Input.Receipt, Input.Description!, Input.DesiredOutcome, store?.Id))
            {
                Letter = links.Letter(),
            },
            cancellationToken);

        TempData[SentCodeKey] = received.TrackingCode;
        return RedirectToPage("Sent");
    }

    /// <summary>
    /// This browser, as the submission's client: the antiforgery cookie is a secret of the browser (HttpOnly,
    /// SameSite=Strict, required on every POST), so a submission id replayed from anywhere else finds nothing.
    /// </summary>
    private string BrowserClient()
    {
        var secret = Request.Cookies[CookieNames.Antiforgery] ?? string.Empty;
        return "web:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)))[..32];
    }

    public sealed class InputModel : IComplaintFields, IContactFields
    {
        public Guid SubmissionId { get; set; }

        public string? CustomerName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Postcode { get; set; }

        public Channel Channel => Channel.Web;

        public ComplaintCategory Category { get; set; } = ComplaintCategory.ProductDefect;

        public string? ProductName { get; set; }

        public string? ArticleNumber { get; set; }

        public DateOnly? PurchaseDate { get; set; }

        public string? PurchasePlace { get; set; }

        /// <summary>The store where it was bought, by code; empty when the customer does not know or bought online.</summary>
        public string? StoreCode { get; set; }

        public ReceiptStatus Receipt { get; set; } = ReceiptStatus.Unknown;

        public string? Description { get; set; }

        public ResolutionType DesiredOutcome { get; set; } = ResolutionType.Refund;

        /// <summary>The honeypot: hidden from people, filled in by robots.</summary>
        public string? Website { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t, Organisation.OrganisationCalendar calendar)
        {
            RuleFor(x => x.SubmissionId).NotEmpty().WithMessage(_ => t["Het formulier is niet compleet verstuurd. Laad de pagina opnieuw en probeer het nog eens."]);
            RuleFor(x => x.CustomerName)
                .NotEmpty().WithMessage(_ => t["Vul uw naam in."])
                .MaximumLength(Customer.NameMaxLength).WithMessage(_ => t["De naam is te lang: gebruik hoogstens {0} tekens.", Customer.NameMaxLength])
                .VisibleName(t);
            RuleFor(x => x.Email)
                .NotEmpty().WithMessage(_ => t["Vul uw e-mailadres in. Daar sturen we de bevestiging en uw volgcode naartoe."])
                .MaximumLength(Customer.EmailMaxLength).WithMessage(_ => t["Het e-mailadres is te lang: gebruik hoogstens {0} tekens.", Customer.EmailMaxLength])
                .DeliverableEmailAddress().WithMessage(_ => t["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]);
            Include(new ContactFieldsValidator(t));
            Include(new ComplaintFieldsValidator(t, calendar));
            RuleFor(x => x.DesiredOutcome).IsInEnum().WithMessage(_ => t["Kies wat u graag wilt."]);
        }
    }
}
