using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Forms;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>
/// The desk's one step: recognise the customer, record the complaint, grant the resolution (with a manager's
/// co-signature on the spot when the policy asks) and hand over the tracking code. A hidden submission id makes
/// a double click or a resubmitted form store exactly one complaint; a validation error keeps everything typed.
/// </summary>
public sealed class IndexModel(
    IndexModel.Query query,
    ComplaintDesk desk,
    CoSigning coSigning,
    IValidator<IndexModel.InputModel> validator,
    PublicLinks links,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>
    /// What the desk's page reads (issue 42, Contoso's Query): who is at the desk and for which store, the customer
    /// search, the store's budget and latest complaints, and the notices about letters and the mailbox.
    /// </summary>
    public sealed class Query(
        AppDbContext db,
        ComplaintDesk desk,
        MailOutbox outbox,
        StoreAccess stores,
        CurrentStaff staff,
        InboundMailStatus mailbox,
        Organisation.OrganisationCalendar calendar,
        TimeProvider time)
    {
        public InboundMailStatus Mailbox => mailbox;

        public DateOnly Today => calendar.Today();

        public DateTime Now => time.GetUtcNow().UtcDateTime;

        public Task<StoreAccess.Snapshot> AccessAsync(CancellationToken cancellationToken) => stores.GetAsync(cancellationToken);

        public Task<StaffMember> StaffAsync() => staff.GetAsync();

        public Task<IReadOnlyList<CustomerMatch>> MatchesAsync(string? find, CancellationToken cancellationToken) => CustomerSearch.FindAsync(db, find, cancellationToken);

        public Task<CustomerHistory?> HistoryAsync(int customerId, CancellationToken cancellationToken) => CustomerSearch.HistoryAsync(db, customerId, cancellationToken);

        /// <summary>A known customer with this e-mail address or phone number, with their history; null when there is none (or they were erased).</summary>
        public async Task<CustomerHistory?> KnownAsync(string? email, string? phone, CancellationToken cancellationToken)
        {
            var id = await db.Customers.AsNoTracking()
                .SameAs(email, phone)
                .Select(c => (int?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            return id is { } known ? await CustomerSearch.HistoryAsync(db, known, cancellationToken) : null;
        }

        /// <summary>What surrounds the form: the desk's store and its budget, its latest complaints, and the letters that did not go.</summary>
        public async Task<Surroundings> SurroundingsAsync(CancellationToken cancellationToken)
        {
            var access = await stores.GetAsync(cancellationToken);
            Store? store = null;
            StoreBudget? budget = null;
            if (access.Current is { } current)
            {
                store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == current.Id, cancellationToken);
                budget = await desk.BudgetAsync(current.Id, cancellationToken);
            }

            // The latest complaints of one's own stores (every store for central staff).
            var recent = db.Complaints.AsNoTracking();
            if (access.DefaultScope is { } ids)
            {
                recent = recent.Where(c => c.StoreId != null && ids.Contains(c.StoreId.Value));
            }

            var latest = await recent
                .OrderByDescending(c => c.Id)
                .Take(RecentCount)
                .Select(c => new RecentComplaint(c.TrackingCode.Value, c.ReceivedAt, c.Customer!.Name, c.ProductName, c.Status, c.Resolution!.Type, c.Resolution.AmountCents))
                .ToListAsync(cancellationToken);
            return new Surroundings(store, budget, latest, await outbox.GivenUp().CountAsync(cancellationToken), await outbox.WaitingAsync(cancellationToken));
        }
    }

    public sealed record Surroundings(Store? Store, StoreBudget? Budget, IReadOnlyList<RecentComplaint> Recent, int UndeliveredLetters, MailOutbox.Waiting LettersWaiting);

    /// <summary>The complaints mailbox cannot be read: the desk is told, nothing is lost (the worker retries).</summary>
    public InboundMailStatus Mailbox => query.Mailbox;

    public const int RecentCount = 10;

    /// <summary>The purchase date typed falls within the legal presumption (<see cref="ConsumerLaw"/>): the form says so.</summary>
    public bool LegalPresumption => ConsumerLaw.DefectPresumedAtDelivery(Input.PurchaseDate, Today);

    /// <summary>The earliest purchase date the presumption covers, for the script that shows the hint while typing.</summary>
    public DateOnly LegalPresumptionFrom => ConsumerLaw.PresumptionStart(Today);

    private DateOnly Today => query.Today;

    /// <summary>E-mails to customers the outbox gave up on: the desk delivers those confirmations another way.</summary>
    public int UndeliveredLetters { get; private set; }

    /// <summary>Letters that wait longer than 15 minutes to go out, and to whom.</summary>
    public MailOutbox.Waiting LettersWaiting { get; private set; } = new(0, null, []);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The customer search without JavaScript: /Desk?find=...</summary>
    [BindProperty(SupportsGet = true, Name = "find")]
    public string? Find { get; set; }

    /// <summary>A customer picked from the search: /Desk?customer=12</summary>
    [BindProperty(SupportsGet = true, Name = "customer")]
    public int? PickedCustomerId { get; set; }

    public IReadOnlyList<CustomerMatch>? Matches { get; private set; }

    public CustomerHistory? Returning { get; private set; }

    /// <summary>True when the policy asked for a manager's co-signature: the co-sign fields are shown.</summary>
    public bool CoSignNeeded { get; private set; }

    /// <summary>True above the policy's second limit: the fields for a second manager are shown too.</summary>
    public bool SecondCoSignNeeded { get; private set; }

    /// <summary>The customer's known e-mail address that the form would replace: the employee confirms that first.</summary>
    public string? EmailToReplace { get; private set; }

    /// <summary>The known customer whose phone number was typed for a new one with another name: the desk chooses (issue 41/6).</summary>
    public PossibleMatch? PhoneOf { get; private set; }

    public decimal CoSignLimitEuros => Store?.CoSignLimit?.Euros ?? coSigning.LimitEuros;

    /// <summary>
    /// From which amount the co-sign fields show while the desk types: the limit, or what is left of the store's
    /// budget when that is less, or at once for a customer with a trust flag.
    /// </summary>
    public long CoSignFromCents => Returning?.TrustFlagReason is not null
        ? 0
        : Math.Min(Money.FromEuros(CoSignLimitEuros).Cents, Budget?.Left.Cents ?? long.MaxValue);

    public long SecondCoSignFromCents => coSigning.SecondLimit.Cents;

    public ResolutionFieldsView ResolutionFields(string legend) =>
        new(Input, legend, CoSignNeeded, SecondCoSignNeeded, Money.FromEuros(CoSignLimitEuros), CoSignFromCents, SecondCoSignFromCents);

    /// <summary>The store the desk works for on this browser (null for central staff who chose none).</summary>
    public Store? Store { get; private set; }

    /// <summary>This month's goodwill budget of the desk's store, when it has one.</summary>
    public StoreBudget? Budget { get; private set; }

    public IReadOnlyList<RecentComplaint> Recent { get; private set; } = [];

    /// <summary>The same customer's complaint about the same product, recorded moments ago: shown before a second is stored.</summary>
    public JustRecorded? SameComplaint { get; private set; }

    /// <summary>"30 seconden" or "4 minuten": how long ago <see cref="SameComplaint"/> was recorded.</summary>
    public string SameComplaintAgo => SameComplaint is null ? string.Empty : (query.Now - SameComplaint.ReceivedAt) is var ago && ago.TotalSeconds < 90
        ? t["{0} seconden", Math.Max(1, (int)ago.TotalSeconds)]
        : t["{0} minuten", (int)Math.Round(ago.TotalMinutes)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await query.AccessAsync(cancellationToken)) is { MustChoose: true } or { NoStore: true })
        {
            return RedirectToPage("/Desk/Store", new { returnUrl = Url.Page("/Desk/Index") });
        }

        Input = new InputModel { SubmissionId = Guid.NewGuid() };
        if (!string.IsNullOrWhiteSpace(Find))
        {
            Matches = await query.MatchesAsync(Find, cancellationToken);
        }

        if (PickedCustomerId is { } id && await query.HistoryAsync(id, cancellationToken) is { } history)
        {
            Returning = history;
            Input.CustomerId = history.Id;
            Input.CustomerName = history.Name;
            Input.Email = history.Email;
            Input.Phone = history.Phone;
            Input.Postcode = history.Postcode;
        }

        await LoadRecentAsync(cancellationToken);
        return Page();
    }

    /// <summary>Search as you type: the matches as an HTML fragment for the page's script.</summary>
    public async Task<IActionResult> OnGetCustomersAsync(string? q, CancellationToken cancellationToken)
    {
        Find = q;
        Matches = await query.MatchesAsync(q, cancellationToken);
        return Partial("_CustomerMatches", this);
    }

    /// <summary>
    /// A known customer with the e-mail address or phone number just typed in the new-customer fields, as an HTML
    /// fragment the page shows when the field is left: "Dit is Pieter de Graaf, 2 eerdere klachten — gebruiken?".
    /// Nothing when there is no such customer (or they were erased).
    /// </summary>
    public async Task<IActionResult> OnGetKnownAsync(string? email, string? phone, CancellationToken cancellationToken)
    {
        Returning = await query.KnownAsync(email, phone, cancellationToken);
        return Returning is null ? Content(string.Empty, "text/html") : Partial("_KnownCustomer", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var access = await query.AccessAsync(cancellationToken);
        if (access.MustChoose || access.NoStore)
        {
            return RedirectToPage("/Desk/Store", new { returnUrl = Url.Page("/Desk/Index") });
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        if (Input.CustomerId is { } customerId)
        {
            Returning = await query.HistoryAsync(customerId, cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            CoSignNeeded = !string.IsNullOrWhiteSpace(Input.CoSignEmail);
            SecondCoSignNeeded = !string.IsNullOrWhiteSpace(Input.SecondCoSignEmail);
            return await PageAsync(cancellationToken);
        }

        var coSigners = await coSigning.VerifyAsync(Input, ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            CoSignNeeded = true;
            SecondCoSignNeeded = !string.IsNullOrWhiteSpace(Input.SecondCoSignEmail);
            return await PageAsync(cancellationToken);
        }

        var staff = await query.StaffAsync();
        var command = Input.ToCommand(access.Current?.Id, staff) with
        {
            Client = $"desk:{staff.Id}",
            FromDesk = true,
            EmailChangeConfirmed = Input.ReplaceEmail,
            PhoneMatch = Input.PhoneMatch,
            PhoneMatchCustomerId = Input.PhoneMatchCustomerId,
            AskIfSameComplaint = !Input.SameComplaintConfirmed,
            CoSigners = coSigners,
            CoSignatures = coSigning.Signatures,
            Letter = links.Letter(),
        };
        var outcome = await desk.RecordAndResolveAsync(command, cancellationToken);
        if (outcome.IsRecorded)
        {
            return RedirectToPage("Confirmation", new { code = outcome.Recorded.TrackingCode, mailed = outcome.Mailed });
        }

        // A question before anything is stored: the form comes back as typed, with the question at its field.
        CoSignNeeded = outcome.Kind == OutcomeKind.CoSignNeeded || !string.IsNullOrWhiteSpace(Input.CoSignEmail);
        SecondCoSignNeeded = outcome.CoSign?.Reasons.HasFlag(CoSignReason.AboveSecondLimit) ?? !string.IsNullOrWhiteSpace(Input.SecondCoSignEmail);
        switch (outcome.Kind)
        {
            case OutcomeKind.SameComplaint:
                SameComplaint = outcome.Same;
                break;
            case OutcomeKind.CoSignNeeded when outcome.IsCoSignNeeded:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.CoSignEmail)}", coSigning.Message(outcome.CoSign, Input.ToGranted().Amount));
                break;
            case OutcomeKind.ConfirmEmail:
                EmailToReplace = outcome.KnownEmail;
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", t["Deze klant is bekend met het e-mailadres {0}. Vink hieronder aan dat het nieuwe adres het oude vervangt, of vul het oude adres weer in.", outcome.KnownEmail!]);
                break;
            case OutcomeKind.KnownPhone:
                PhoneOf = outcome.PhoneOf;
                Input.PhoneMatchCustomerId = outcome.PhoneOf!.Id;
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Phone)}", t["Er is al een klant met dit telefoonnummer: {0}. Kies hieronder of het dezelfde klant is.", outcome.PhoneOf.Name]);
                break;
            default:
                throw new InvalidOperationException($"The desk's form has no answer for {outcome.Kind}.");
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        Input.CoSignPassword = null;
        Input.SecondCoSignPassword = null;
        await LoadRecentAsync(cancellationToken);
        return Page();
    }

    private async Task LoadRecentAsync(CancellationToken cancellationToken) =>
        (Store, Budget, Recent, UndeliveredLetters, LettersWaiting) = await query.SurroundingsAsync(cancellationToken);

    public sealed record RecentComplaint(string TrackingCode, DateTime ReceivedAt, string CustomerName, string ProductName, ComplaintStatus Status, ResolutionType? ResolutionType, long? AmountCents, string? StoreCode = null)
    {
        public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;
    }

    public sealed class InputModel : IComplaintFields, IResolutionForm, ICustomerFields
    {
        public Guid SubmissionId { get; set; }

        /// <summary>The customer picked from the search; empty for a new or unrecognised customer.</summary>
        public int? CustomerId { get; set; }

        public string? CoSignEmail { get; set; }

        public string? CoSignPassword { get; set; }

        public string? SecondCoSignEmail { get; set; }

        public string? SecondCoSignPassword { get; set; }

        /// <summary>The employee confirmed that the e-mail address typed replaces the customer's known one.</summary>
        public bool ReplaceEmail { get; set; }

        /// <summary>The answer to "Er is al een klant met dit telefoonnummer": that customer, or a new one after all.</summary>
        public PhoneMatchChoice PhoneMatch { get; set; }

        /// <summary>The known customer that question showed.</summary>
        public int? PhoneMatchCustomerId { get; set; }

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

        /// <summary>Ticked after "klopt dit bedrag?" for an unusually high amount.</summary>
        public bool AmountConfirmed { get; set; }

        /// <summary>The employee confirmed that this is a new complaint, not the one recorded moments ago.</summary>
        public bool SameComplaintConfirmed { get; set; }

        bool? IResolutionFields.AmountConfirmed => AmountConfirmed;

        /// <summary>The complaint happened at the desk's store: never a store id from the form.</summary>
        internal RecordAndResolve ToCommand(int? deskStoreId, StaffMember staff) => new(
            SubmissionId,
            new CustomerContact(CustomerName!, Email, Phone, Postcode),
            new ComplaintDetails(Channel, Category, ProductName!, ArticleNumber, PurchaseDate, PurchasePlace, Receipt, Description!, DesiredOutcome, deskStoreId),
            this.ToGranted(),
            staff,
            CustomerId);
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t, Microsoft.Extensions.Options.IOptionsMonitor<Settings.PolicyOptions> policy, Organisation.OrganisationCalendar calendar)
        {
            ArgumentNullException.ThrowIfNull(policy);
            RuleFor(x => x.SubmissionId).NotEmpty().WithMessage(_ => t["Het formulier is niet compleet verstuurd. Laad de pagina opnieuw en probeer het nog eens."]);
            Include(new CustomerFieldsValidator(t));
            Include(new ComplaintFieldsValidator(t, calendar));
            RuleFor(x => x.DesiredOutcome).IsInEnum().WithMessage(_ => t["Kies wat de klant graag wil."]);

            Include(new CoSignFieldsValidator(t));
            Include(new ResolutionFieldsValidator(t, () => Money.FromEuros(policy.CurrentValue.ConfirmAmountAboveEuros)));
        }
    }
}
