using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>
/// One complaint with its full timeline, and corrections of its descriptive fields. Two people correcting
/// at once: the second gets a conflict message, keeps what they typed, sees the current values, and nothing
/// is overwritten (optimistic concurrency on <see cref="Complaint.Version"/>).
/// </summary>
public sealed class ComplaintModel(
    ComplaintModel.Query query,
    ComplaintDesk desk,
    ConversationDesk conversation,
    Localization.Formats formats,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>
    /// What the complaint's page reads (issue 42, Contoso's Query): the complaint with its customer and timeline, its
    /// letters and conversation, the saved replies filled in for this customer, its store, and who is looking.
    /// </summary>
    public sealed class Query(AppDbContext db, MailOutbox outbox, ConversationDesk conversation, CurrentStaff staff, StoreAccess stores, PublicLinks links)
    {
        public Task<StaffMember> StaffAsync() => staff.GetAsync();

        public Task<StoreAccess.Snapshot> AccessAsync(CancellationToken cancellationToken) => stores.GetAsync(cancellationToken);

        /// <summary>How a letter to this customer is written: the status page's address, in the screen's language.</summary>
        public LetterContext Letter() => links.Letter();

        public bool HasGivenUp(OutgoingMail letter) => outbox.HasGivenUp(letter);

        public async Task<Shown?> ComplaintAsync(string code, CancellationToken cancellationToken)
        {
            if (!TrackingCode.TryParse(code, out var trackingCode))
            {
                return null;
            }

            var complaint = await db.Complaints.Include(c => c.Customer).Include(c => c.Timeline.OrderBy(e => e.Id)).AsSplitQuery()
                .AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode!, cancellationToken);
            if (complaint is null)
            {
                return null;
            }

            var letters = await outbox.AboutAsync(complaint.Id, cancellationToken);
            var replies = await db.SavedReplies.AsNoTracking().OrderBy(r => r.Title).ToListAsync(cancellationToken);
            IReadOnlyList<(int Id, string Title, string Text)> filled = [];
            if (replies.Count > 0)
            {
                var me = await staff.GetAsync();
                var culture = System.Globalization.CultureInfo.GetCultureInfo(letters.Count > 0 ? letters[^1].Culture : "nl-NL");
                filled = [.. replies.Select(r => (r.Id, r.Title, r.Fill(culture, complaint.Customer?.FirstName ?? string.Empty, complaint.TrackingCode.Display, me.FirstName, links.Track)))];
            }

            var store = complaint.StoreId is { } storeId ? await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, cancellationToken) : null;
            return new Shown(complaint, letters, await conversation.ReadAsync(complaint.Id, cancellationToken), replies, filled, store, await stores.GetAsync(cancellationToken));
        }
    }

    public sealed record Shown(
        Complaint Complaint,
        IReadOnlyList<OutgoingMail> Letters,
        ConversationView Conversation,
        IReadOnlyList<SavedReply> SavedReplies,
        IReadOnlyList<(int Id, string Title, string Text)> FilledReplies,
        Store? Store,
        StoreAccess.Snapshot Access);

    /// <summary>"Meer tijd nodig": the new date the desk promises.</summary>
    [BindProperty]
    public DateOnly? ExtendTo { get; set; }

    /// <summary>Why the desk needs more time: the customer reads it.</summary>
    [BindProperty]
    public string? ExtendReason { get; set; }

    /// <summary>The latest day an extension may promise: four weeks after the first promise.</summary>
    public DateOnly? LatestExtension => Complaint?.LatestExtension;

    /// <summary>The store the complaint belongs to (null: none said), and the stores the employee may move it to.</summary>
    public Store? Store { get; private set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(false, [], null);

    /// <summary>The administrators' saved replies the desk can insert.</summary>
    public IReadOnlyList<SavedReply> SavedReplies { get; private set; } = [];

    /// <summary>The saved reply chosen to insert into the reply (issue 41/9: inserted at the cursor by the page's script; without script the form posts and keeps what was typed).</summary>
    [BindProperty(Name = "savedReply")]
    public int? SavedReplyId { get; set; }

    /// <summary>Each saved reply filled in for this customer (first name, code, the employee, the status link), for the insert.</summary>
    public IReadOnlyList<(int Id, string Title, string Text)> FilledReplies { get; private set; } = [];

    public Complaint? Complaint { get; private set; }

    /// <summary>The messages with the customer, oldest first, with their attachments.</summary>
    public ConversationView? Conversation { get; private set; }

    /// <summary>The desk's answer to the customer (the reply form).</summary>
    [BindProperty]
    public string? ReplyText { get; set; }

    /// <summary>The letters to the customer about this complaint.</summary>
    public IReadOnlyList<OutgoingMail> Letters { get; private set; } = [];

    public bool HasGivenUp(OutgoingMail letter) => query.HasGivenUp(letter);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Complaint = await LoadAsync(code, cancellationToken);
        if (Complaint is null)
        {
            return NotFound();
        }

        Input = InputModel.From(Complaint);
        return Page();
    }

    /// <summary>
    /// "Invoegen" without script: the reply form comes back with the saved reply added after what was typed (the page's
    /// script inserts it at the cursor instead, without a reload). Nothing is sent.
    /// </summary>
    public async Task<IActionResult> OnPostInsertReplyAsync(string code, CancellationToken cancellationToken)
    {
        Complaint = await LoadAsync(code, cancellationToken);
        if (Complaint is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Input = InputModel.From(Complaint);
        if (FilledReplies.FirstOrDefault(r => r.Id == SavedReplyId) is { Text: { } text })
        {
            ReplyText = string.IsNullOrWhiteSpace(ReplyText) ? text : ReplyText.TrimEnd() + "\n\n" + text;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, [FromServices] IValidator<InputModel> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validator);
        // The page is read only when it is shown again: a correction that is stored redirects at once.
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            Complaint = await LoadAsync(code, cancellationToken);
            return Complaint is null ? NotFound() : Page();
        }

        var outcome = await desk.CorrectAsync(new CorrectComplaint(code, Input.Version, Input.ToCorrection(), await query.StaffAsync()), cancellationToken);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Conflict:
                Complaint = await LoadAsync(code, cancellationToken);
                if (Complaint is null)
                {
                    return NotFound();
                }

                Conflict = true;
                Input.Version = Complaint.Version;
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, t["Iemand anders heeft deze klacht net gewijzigd. Uw correctie is niet opgeslagen en er is niets overschreven. Bekijk de huidige gegevens hieronder en sla uw correctie opnieuw op als die nog nodig is."]);
                return Page();
            default:
                Saved = outcome.Kind == OutcomeKind.Unchanged ? t["Er was niets gewijzigd."] : t["De correctie is opgeslagen en staat op de tijdlijn."];
                return RedirectToPage(new { code });
        }
    }

    /// <summary>The desk moves the complaint to one of the employee's own stores (or to none); someone else's store is refused.</summary>
    public async Task<IActionResult> OnPostStoreAsync(string code, string? storeCode, CancellationToken cancellationToken)
    {
        var access = await query.AccessAsync(cancellationToken);
        var target = string.IsNullOrEmpty(storeCode) ? null : access.Stores.FirstOrDefault(s => s.Code == Domain.Store.NormaliseCode(storeCode));
        if (!string.IsNullOrEmpty(storeCode) && target is null)
        {
            return Forbid();
        }

        var outcome = await desk.MoveToStoreAsync(new MoveToStore(code, target?.Id, await query.StaffAsync(), access), cancellationToken);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.NotYours:
                return Forbid();
            case OutcomeKind.Unchanged:
                Saved = t["Er was niets gewijzigd."];
                return RedirectToPage(new { code });
            default:
                Saved = target is null ? t["De klacht hoort nu bij geen winkel."] : t["De klacht hoort nu bij {0}.", target.Label];
                return RedirectToPage(new { code });
        }
    }

    /// <summary>The desk needs more time: a later date and a reason, once; the customer gets a letter and the status page says it.</summary>
    public async Task<IActionResult> OnPostExtendAsync(string code, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (ExtendTo is not { } to)
        {
            ModelState.AddModelError(nameof(ExtendTo), t["Kies de nieuwe datum, zoals 24-12-2027."]);
        }
        else
        {
            var outcome = await desk.ExtendAsync(code, to, ExtendReason, await query.StaffAsync(), query.Letter(), cancellationToken);
            switch (outcome.Kind)
            {
                case OutcomeKind.NotFound:
                    return NotFound();
                case OutcomeKind.Done:
                    Saved = t["De termijn is verlengd tot {0}. De klant ziet de nieuwe datum en de reden op de statuspagina{1}.", formats.Date(to), outcome.Mailed == true ? t[" en kreeg een e-mail"].Value : string.Empty];
                    return RedirectToPage(new { code });
                default:
                    var field = outcome.Refusal!.Error is DomainError.ExtensionReasonMissing or DomainError.TextTooLong ? nameof(ExtendReason) : nameof(ExtendTo);
                    ModelState.AddModelError(field, formats.Message(outcome.Refusal));
                    break;
            }
        }

        Complaint = await LoadAsync(code, cancellationToken);
        if (Complaint is null)
        {
            return NotFound();
        }

        Input = InputModel.From(Complaint);
        return Page();
    }

    /// <summary>The desk answers the customer: by e-mail (through the outbox) and on the status page.</summary>
    public async Task<IActionResult> OnPostReplyAsync(string code, List<IFormFile>? files, [FromServices] AttachmentRules attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        Complaint = await LoadAsync(code, cancellationToken);
        if (Complaint is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        // The desk answers in words: files alone are no answer.
        switch (ComplaintMessage.ProblemWith(ReplyText, withFiles: false))
        {
            case DomainError.MessageEmpty:
                ModelState.AddModelError(nameof(ReplyText), t["Schrijf eerst uw antwoord aan de klant."]);
                break;
            case DomainError.TextTooLong:
                ModelState.AddModelError(nameof(ReplyText), t["Uw antwoord is te lang: gebruik hoogstens {0} tekens.", ComplaintMessage.BodyMaxLength]);
                break;
        }

        IReadOnlyList<CheckedFile> checkedFiles = [];
        if (ModelState.IsValid)
        {
            var (passed, error) = await attachments.ReadAsync(files ?? [], cancellationToken);
            if (error is not null)
            {
                ModelState.AddModelError("files", error);
            }

            checkedFiles = passed;
        }

        if (!ModelState.IsValid)
        {
            Input = InputModel.From(Complaint);
            return Page();
        }

        var me = await query.StaffAsync();
        var culture = Letters.Count > 0 ? Letters[^1].Culture : "nl-NL";
        var outcome = await conversation.ReplyAsync(Complaint.TrackingCode.Value, ReplyText!, checkedFiles, me, culture, cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        Saved = Complaint.Customer?.Email is null
            ? t["Uw antwoord staat op de statuspagina van de klant. De klant heeft geen e-mailadres: bel of schrijf de klant als dat nodig is."]
            : t["Uw antwoord is verstuurd en staat op de statuspagina van de klant."];
        return RedirectToPage(new { code });
    }

    private async Task<Complaint?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await query.ComplaintAsync(code, cancellationToken) is not { } shown)
        {
            return null;
        }

        (_, Letters, Conversation, SavedReplies, FilledReplies, Store, Access) = shown;
        return shown.Complaint;
    }

    public sealed class InputModel : IComplaintFields
    {
        public int Version { get; set; }

        public Channel Channel { get; set; }

        public ComplaintCategory Category { get; set; }

        public string? ProductName { get; set; }

        public string? ArticleNumber { get; set; }

        public DateOnly? PurchaseDate { get; set; }

        public string? PurchasePlace { get; set; }

        public ReceiptStatus Receipt { get; set; }

        public string? Description { get; set; }

        public static InputModel From(Complaint c) => new()
        {
            Version = c.Version,
            Channel = c.Channel,
            Category = c.Category,
            ProductName = c.ProductName,
            ArticleNumber = c.ArticleNumber,
            PurchaseDate = c.PurchaseDate,
            PurchasePlace = c.PurchasePlace,
            Receipt = c.Receipt,
            Description = c.Description,
        };

        internal ComplaintCorrection ToCorrection() =>
            new(Channel, Category, ProductName!, ArticleNumber, PurchaseDate, PurchasePlace, Receipt, Description!);
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t, Organisation.OrganisationCalendar calendar) => Include(new ComplaintFieldsValidator(t, calendar));
    }
}
