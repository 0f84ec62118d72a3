namespace KlantCentraal.Domain;

/// <summary>
/// A customer's complaint and everything that happened to it. Moves Received → Resolved →
/// Investigating → Closed; any other move throws.
/// </summary>
public sealed class Complaint
{
    public const int ProductNameMaxLength = 200;
    public const int ArticleNumberMaxLength = 50;
    public const int PurchasePlaceMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>The name shown on the timeline for things the system does by itself.</summary>
    public const string SystemActor = "KlantCentraal";

    private readonly List<TimelineEvent> _timeline = [];
    private readonly List<ComplaintMessage> _messages = [];

    private Complaint()
    {
        TrackingCode = null!;
        ProductName = string.Empty;
        ProductKey = string.Empty;
        Description = string.Empty;
        RecordedByName = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The nine symbols of the <see cref="Domain.TrackingCode"/>, without dashes.</summary>
    public TrackingCode TrackingCode { get; private set; }

    public int CustomerId { get; private set; }

    public Customer? Customer { get; private set; }

    public Channel Channel { get; private set; }

    public ComplaintCategory Category { get; private set; }

    public string ProductName { get; private set; }

    public string? ArticleNumber { get; private set; }

    /// <summary>The article number, else the normalised product name: complaints about one product share it.</summary>
    public string ProductKey { get; private set; }

    public DateOnly? PurchaseDate { get; private set; }

    /// <summary>The store where it happened (see <see cref="Domain.Store"/>); null when the customer did not say.</summary>
    public int? StoreId { get; private set; }

    public string? PurchasePlace { get; private set; }

    /// <summary>Information only. Nothing depends on it.</summary>
    public ReceiptStatus Receipt { get; private set; }

    public string Description { get; private set; }

    public ResolutionType DesiredOutcome { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>
    /// The UTC day the complaint was received. Never shown as a day: reports group by it together with the UTC hour of
    /// <see cref="ReceivedAt"/> (no date functions in SQL) and turn each UTC hour into the organisation's day
    /// (ADR 0023) — which is why it is the UTC day and not the organisation's.
    /// </summary>
    public DateOnly ReceivedOn { get; private set; }

    public string? RecordedById { get; private set; }

    public string RecordedByName { get; private set; }

    public Resolution? Resolution { get; private set; }

    public int? InvestigationId { get; private set; }

    public RootCauseInvestigation? Investigation { get; private set; }

    /// <summary>Identifies the form submission that created this complaint, so a resubmission creates nothing new.</summary>
    public Guid? SubmissionId { get; private set; }

    /// <summary>
    /// The client that sent the submission ("desk:{user}", "api:{key}", "web:{browser}"): a submission id only
    /// finds its complaint again for the same client, so a replayed id never reveals another client's code.
    /// </summary>
    public string? SubmittedBy { get; private set; }

    public const int SubmittedByMaxLength = 100;

    public IReadOnlyList<TimelineEvent> Timeline => _timeline;

    /// <summary>The conversation with the customer, oldest first.</summary>
    public IReadOnlyList<ComplaintMessage> Messages => _messages;

    /// <summary>Whose turn it is in the conversation: the desk inbox lists what waits on us.</summary>
    public ConversationState Conversation { get; private set; }

    /// <summary>When the oldest unanswered customer message came in (null when nothing waits on us).</summary>
    public DateTime? WaitingSince { get; private set; }

    /// <summary>The day the desk promised to answer by (issue 28): set when the complaint arrives unanswered; moved once by an extension.</summary>
    public DateOnly? RespondBy { get; private set; }

    /// <summary>Why the desk needs more time, as the customer is told; set once, with the one extension.</summary>
    public string? ExtensionReason { get; private set; }

    public const int ExtensionReasonMaxLength = 500;

    /// <summary>When the responsible managers were told that the promise falls due soon (once per promise).</summary>
    public DateTime? EscalatedAt { get; private set; }

    /// <summary>The managers were told; an extension starts a new promise, which may be told about again.</summary>
    public void MarkEscalated(DateTime at) => EscalatedAt ??= at;

    /// <summary>The rules the promise runs under (issue 28), fixed when it is given.</summary>
    public Regime Regime { get; private set; }

    /// <summary>Since when the clock stands still because the desk waits on the customer's answer (only where the regime allows it).</summary>
    public DateTime? ClockPausedSince { get; private set; }

    /// <summary>Whether the complaint was resolved on or before the promised day; null without a promise or before the resolution.</summary>
    public bool? PromiseKept { get; private set; }

    /// <summary>Records the promise the customer is given when the complaint arrives unanswered, under its regime.</summary>
    public void Promise(DateOnly respondBy, Regime regime = Regime.Retail)
    {
        RespondBy = respondBy;
        Regime = regime;
    }

    /// <summary>The latest day the one extension may promise (<see cref="PromiseRules.LatestExtension"/>); null when nothing can be extended.</summary>
    public DateOnly? LatestExtension => RespondBy is { } promised && ExtensionReason is null && Status == ComplaintStatus.Received ? PromiseRules.LatestExtension(promised) : null;

    /// <summary>
    /// Finance paid the refund out (issue 43): on <paramref name="paidOn"/> (not before the day it was granted, not after
    /// <paramref name="today"/>), with the bank's or provider's reference. Only a refund paid out later and still owed.
    /// </summary>
    public void MarkRefundPaid(DateOnly paidOn, string? reference, DateOnly grantedOn, DateOnly today, StaffMember by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Resolution is not { IsOwed: true } resolution)
        {
            throw new DomainException(DomainError.RefundNotOwed, "Only a refund paid out later and not yet paid can be marked paid.");
        }

        if (paidOn < grantedOn || paidOn > today)
        {
            throw new DomainException(DomainError.PaidOnOutOfRange, "The payment day lies between the grant and today.", date: grantedOn);
        }

        var text = reference?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new DomainException(DomainError.PaymentReferenceMissing, "A payment needs its reference.");
        }

        if (text.Length > Resolution.PaymentReferenceMaxLength)
        {
            throw new DomainException(DomainError.TextTooLong, "The reference is too long.", Resolution.PaymentReferenceMaxLength);
        }

        resolution.MarkPaid(paidOn, text, by.FirstName);
        Version++; // two finance employees (or instances) marking it at once: the second save is refused, never paid twice
        _timeline.Add(new TimelineEvent(TimelineEventKind.RefundPaid, at, by.FirstName, by.Id, paidOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The desk needs more time: once, with a reason the customer reads, to a later day no later than
    /// <see cref="LatestExtension"/> (what every regime allows). Only while the complaint waits on its first answer.
    /// </summary>
    public void ExtendPromise(DateOnly to, string? reason, StaffMember by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (RespondBy is not { } promised || Status != ComplaintStatus.Received)
        {
            throw new DomainException(DomainError.NothingToExtend, "Only an unanswered complaint with a promised date can get more time.");
        }

        if (ExtensionReason is not null)
        {
            throw new DomainException(DomainError.AlreadyExtended, "The promise was extended before.");
        }

        var text = reason?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new DomainException(DomainError.ExtensionReasonMissing, "An extension needs a reason.");
        }

        if (text.Length > ExtensionReasonMaxLength)
        {
            throw new DomainException(DomainError.TextTooLong, "The reason is too long.", ExtensionReasonMaxLength);
        }

        if (to <= promised)
        {
            throw new DomainException(DomainError.ExtensionNotLater, "The new date must come after the promised one.", date: promised);
        }

        var latest = PromiseRules.LatestExtension(promised);
        if (to > latest)
        {
            throw new DomainException(DomainError.ExtensionTooLong, "The new date lies after the latest allowed.", date: latest);
        }

        RespondBy = to;
        ExtensionReason = text;
        EscalatedAt = null;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.PromiseExtended, at, by.FirstName, by.Id, to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Raised by every change; two people editing at once cannot overwrite each other (optimistic concurrency).</summary>
    public int Version { get; private set; }

    /// <summary>The tracking code as the customer reads it ("K7M-4PX-9QR").</summary>
    public string TrackingCodeDisplay => TrackingCode.Display;

    /// <summary>Records what the customer reported. Who recorded it is null for a customer's own online complaint.</summary>
    public static Complaint Record(Customer customer, ComplaintDetails details, Domain.TrackingCode code, StaffMember? recordedBy, DateTime receivedAt, Guid? submissionId = null, string? submittedBy = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.ProductName);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Description);
        RequireMaxLength(details.ProductName.Trim(), ProductNameMaxLength, nameof(details.ProductName));
        RequireMaxLength(details.ArticleNumber?.Trim(), ArticleNumberMaxLength, nameof(details.ArticleNumber));
        RequireMaxLength(details.PurchasePlace?.Trim(), PurchasePlaceMaxLength, nameof(details.PurchasePlace));
        RequireMaxLength(details.Description.Trim(), DescriptionMaxLength, nameof(details.Description));
        if (details.PurchaseDate is { } purchased && purchased > LatestDateOnEarth(receivedAt))
        {
            throw new ArgumentException("A purchase date cannot lie in the future.", nameof(details));
        }

        var articleNumber = string.IsNullOrWhiteSpace(details.ArticleNumber) ? null : details.ArticleNumber.Trim();
        var complaint = new Complaint
        {
            TrackingCode = code,
            Customer = customer,
            CustomerId = customer.Id,
            Channel = details.Channel,
            Category = details.Category,
            ProductName = details.ProductName.Trim(),
            ArticleNumber = articleNumber,
            ProductKey = ProductKeyFor(details.ProductName, articleNumber),
            PurchaseDate = details.PurchaseDate,
            StoreId = details.StoreId,
            PurchasePlace = string.IsNullOrWhiteSpace(details.PurchasePlace) ? null : details.PurchasePlace.Trim(),
            Receipt = details.Receipt,
            Description = details.Description.Trim(),
            DesiredOutcome = details.DesiredOutcome,
            Status = ComplaintStatus.Received,
            ReceivedAt = receivedAt,
            ReceivedOn = DateOnly.FromDateTime(receivedAt),
            RecordedById = recordedBy?.Id,
            RecordedByName = recordedBy?.FirstName ?? customer.FirstName,
            SubmissionId = submissionId,
            SubmittedBy = submittedBy is { Length: > SubmittedByMaxLength } ? throw new ArgumentException("The client name is too long.", nameof(submittedBy)) : submittedBy,
        };
        complaint._timeline.Add(new TimelineEvent(TimelineEventKind.Received, receivedAt, complaint.RecordedByName, recordedBy?.Id, details.Channel.ToString()));
        return complaint;
    }

    public const int ExternalSourceMaxLength = 32;
    public const int ExternalIdMaxLength = 100;

    /// <summary>The helpdesk a complaint was imported from ("osTicket", "Zendesk", "CSV"); null for ours.</summary>
    public string? ExternalSource { get; private set; }

    /// <summary>Its ticket number there: a second import of the same ticket updates it instead of adding another.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>
    /// A complaint handled in the helpdesk used before (issue 29), kept as closed history so the desk knows the
    /// customer from day one: its own dates, no resolution, no investigation, no letter.
    /// </summary>
    public static Complaint Imported(Customer customer, ComplaintDetails details, Domain.TrackingCode code, DateTime receivedAt, DateTime? closedAt, string source, string externalId, DateTime importedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        RequireMaxLength(source, ExternalSourceMaxLength, nameof(source));
        RequireMaxLength(externalId, ExternalIdMaxLength, nameof(externalId));
        var complaint = Record(customer, details, code, recordedBy: null, receivedAt);
        complaint.RecordedByName = source;
        complaint.ExternalSource = source;
        complaint.ExternalId = externalId;
        complaint.Status = ComplaintStatus.Closed;
        complaint.ClosedAt = closedAt is { } closed && closed >= receivedAt ? closed : receivedAt;
        complaint._timeline.Add(new TimelineEvent(TimelineEventKind.Imported, importedAt, SystemActor, null, $"{source} {externalId}"));
        return complaint;
    }

    /// <summary>The same ticket imported again: its subject and text as the other helpdesk has them now. Only for imported complaints.</summary>
    public bool Reimport(string productName, string description)
    {
        if (ExternalSource is null)
        {
            throw new InvalidOperationException("Only an imported complaint is imported again.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(productName);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        RequireMaxLength(productName.Trim(), ProductNameMaxLength, nameof(productName));
        RequireMaxLength(description.Trim(), DescriptionMaxLength, nameof(description));
        if (ProductName == productName.Trim() && Description == description.Trim())
        {
            return false;
        }

        ProductName = productName.Trim();
        ProductKey = ProductKeyFor(ProductName, ArticleNumber);
        Description = description.Trim();
        Version++;
        return true;
    }

    /// <summary>
    /// Grants the resolution. Only a complaint that is not yet resolved can be resolved. When the policy asks
    /// for a co-signature (the customer's goodwill of the window, <paramref name="recentGoodwill"/>, plus this
    /// amount above the limit, or a trust flag), a manager must stand behind it; above the second limit, two.
    /// </summary>
    /// <remarks><paramref name="answeredOn"/> is the organisation's day of <paramref name="at"/> (ADR 0023), against which a promise counts as kept.</remarks>
    public void Resolve(Resolution resolution, StaffMember grantedBy, CoSignPolicy policy, DateTime at, DateOnly answeredOn, Money recentGoodwill = default, StoreBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ArgumentNullException.ThrowIfNull(grantedBy);
        ArgumentNullException.ThrowIfNull(policy);
        if (Status != ComplaintStatus.Received)
        {
            throw new DomainException(DomainError.ComplaintAlreadyResolved, $"Complaint {TrackingCode} is already {Status}; it cannot be resolved again.");
        }

        var reasons = policy.ReasonsFor(resolution.Amount, Customer, recentGoodwill, budget);
        if (resolution.ManagersBehind(grantedBy) < CoSignPolicy.ManagersNeeded(reasons))
        {
            throw new CoSignatureRequiredException(reasons, recentGoodwill, budget) { Limit = policy.Limit };
        }

        resolution.RecordCoSignReasons(reasons);
        resolution.RecordTiming(ReceivedAt, at);
        resolution.RecordStore(StoreId);
        Resolution = resolution;
        Status = ComplaintStatus.Resolved;
        PromiseKept = RespondBy is { } promised ? answeredOn <= promised : null;
        ClockPausedSince = null;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.Resolved, at, resolution.GrantedByName, resolution.GrantedById, resolution.Type.ToString()));
        if (resolution.CoSignedByName is { } coSigner)
        {
            _timeline.Add(new TimelineEvent(TimelineEventKind.CoSigned, at, coSigner, resolution.CoSignedById, reasons.ToString()));
        }

        if (resolution.SecondCoSignedByName is { } secondCoSigner)
        {
            _timeline.Add(new TimelineEvent(TimelineEventKind.CoSigned, at, secondCoSigner, resolution.SecondCoSignedById, reasons.ToString()));
        }

        _timeline.Add(new TimelineEvent(TimelineEventKind.QueuedForInvestigation, at, SystemActor, null, null));
    }

    /// <summary>
    /// The customer writes (by e-mail or on the status page): the complaint now waits on us, since the oldest
    /// unanswered message. A message needs text; what came with it (photos) is stored by the caller. A clock that
    /// stood still while the desk waited on this answer runs again: the promise moves by the working days it stood
    /// still on <paramref name="clock"/>'s calendar.
    /// </summary>
    public ComplaintMessage ReceiveMessage(string body, MessageChannel channel, DateTime at, PromiseClock clock, string? emailMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var message = new ComplaintMessage(MessageDirection.FromCustomer, channel, Customer?.Name ?? RecordedByName, null, body, at, emailMessageId);
        _messages.Add(message);
        Conversation = ConversationState.WaitingOnUs;
        WaitingSince ??= at;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.MessageReceived, at, Customer?.FirstName ?? RecordedByName, null, channel.ToString()));
        if (ClockPausedSince is { } since && RespondBy is { } promised)
        {
            var stood = clock.Calendar.WorkingDaysBetween(clock.DayOf(since), clock.DayOf(at));
            RespondBy = clock.Calendar.AddWorkingDays(promised, stood);
            ClockPausedSince = null;
            EscalatedAt = null;
            _timeline.Add(new TimelineEvent(TimelineEventKind.ClockResumed, at, SystemActor, null, RespondBy.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return message;
    }

    /// <summary>
    /// The desk answers the customer, under its own name: the complaint now waits on the customer. Before the
    /// resolution, where the regime allows it, the promise's clock stands still until the customer answers.
    /// </summary>
    public ComplaintMessage Reply(string body, StaffMember by, DateTime at, string emailMessageId)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        var message = new ComplaintMessage(MessageDirection.ToCustomer, MessageChannel.Desk, by.FirstName, by.Id, body, at, emailMessageId);
        _messages.Add(message);
        Conversation = ConversationState.WaitingOnCustomer;
        WaitingSince = null;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.ReplySent, at, by.FirstName, by.Id, null));
        if (Status == ComplaintStatus.Received && RespondBy is not null && ClockPausedSince is null && PromiseRules.PausesWhileWaitingOnCustomer(Regime))
        {
            ClockPausedSince = at;
            _timeline.Add(new TimelineEvent(TimelineEventKind.ClockPaused, at, SystemActor, null, null));
        }

        return message;
    }

    /// <summary>
    /// Moves the complaint to a known customer, after the desk confirmed that the person who complained online is
    /// that customer. The known customer's details are left as they are.
    /// </summary>
    public void MoveToCustomer(Customer customer, StaffMember by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(by);
        if (customer.AnonymisedAt is not null)
        {
            throw new DomainException(DomainError.CustomerErased, "A complaint cannot move to an erased customer.");
        }

        Customer = customer;
        CustomerId = customer.Id;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.LinkedToCustomer, at, by.FirstName, by.Id, customer.CustomerNumber));
    }

    /// <summary>
    /// The desk corrects where it happened; the timeline says who moved it to which store (its code). The goodwill
    /// already granted stays on the budget of the store that granted it (<see cref="Resolution.GrantedAtStoreId"/>):
    /// a correction never frees a budget.
    /// </summary>
    public bool MoveToStore(Store? store, StaffMember by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (store?.Id == StoreId)
        {
            return false;
        }

        if (store is { IsClosed: true })
        {
            throw new DomainException(DomainError.StoreClosed, $"Store {store.Code} is closed; a complaint cannot move to it.");
        }

        StoreId = store?.Id;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.StoreChanged, at, by.FirstName, by.Id, store?.Code));
        return true;
    }

    /// <summary>
    /// Corrects the descriptive fields. Each changed field lands on the timeline with who and when.
    /// Returns the names of the fields that changed; nothing changes when nothing differs.
    /// </summary>
    public IReadOnlyList<string> Correct(ComplaintCorrection correction, StaffMember by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(correction.ProductName);
        ArgumentException.ThrowIfNullOrWhiteSpace(correction.Description);
        RequireMaxLength(correction.ProductName.Trim(), ProductNameMaxLength, nameof(correction.ProductName));
        RequireMaxLength(correction.ArticleNumber?.Trim(), ArticleNumberMaxLength, nameof(correction.ArticleNumber));
        RequireMaxLength(correction.PurchasePlace?.Trim(), PurchasePlaceMaxLength, nameof(correction.PurchasePlace));
        RequireMaxLength(correction.Description.Trim(), DescriptionMaxLength, nameof(correction.Description));
        if (correction.PurchaseDate is { } purchased && purchased > LatestDateOnEarth(at))
        {
            throw new ArgumentException("A purchase date cannot lie in the future.", nameof(correction));
        }

        var changed = new List<string>();
        void Set<T>(string name, T current, T proposed, Action<T> apply)
        {
            if (!EqualityComparer<T>.Default.Equals(current, proposed))
            {
                apply(proposed);
                changed.Add(name);
            }
        }

        var article = string.IsNullOrWhiteSpace(correction.ArticleNumber) ? null : correction.ArticleNumber.Trim();
        var place = string.IsNullOrWhiteSpace(correction.PurchasePlace) ? null : correction.PurchasePlace.Trim();
        Set(nameof(Channel), Channel, correction.Channel, v => Channel = v);
        Set(nameof(Category), Category, correction.Category, v => Category = v);
        Set(nameof(ProductName), ProductName, correction.ProductName.Trim(), v => ProductName = v);
        Set(nameof(ArticleNumber), ArticleNumber, article, v => ArticleNumber = v);
        Set(nameof(PurchaseDate), PurchaseDate, correction.PurchaseDate, v => PurchaseDate = v);
        Set(nameof(PurchasePlace), PurchasePlace, place, v => PurchasePlace = v);
        Set(nameof(Receipt), Receipt, correction.Receipt, v => Receipt = v);
        Set(nameof(Description), Description, correction.Description.Trim(), v => Description = v);
        if (changed.Count > 0)
        {
            ProductKey = ProductKeyFor(ProductName, ArticleNumber);
            Version++;
            _timeline.Add(new TimelineEvent(TimelineEventKind.Corrected, at, by.FirstName, by.Id, string.Join(",", changed)));
        }

        return changed;
    }

    /// <summary>The customer's satisfaction, 1–5, asked once after resolution.</summary>
    public int? SatisfactionScore { get; private set; }

    public string? FeedbackRemark { get; private set; }

    public DateTime? FeedbackAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public const int FeedbackRemarkMaxLength = 1000;

    /// <summary>The customer says how satisfied they are: once, 1 to 5, with an optional remark.</summary>
    public void GiveFeedback(int score, string? remark, DateTime at)
    {
        // Asked once the complaint is resolved and what was granted has arrived: not while a refund is still owed (issue 43).
        if (Status == ComplaintStatus.Received || Resolution is { IsOwed: true })
        {
            throw new DomainException(DomainError.FeedbackNotYetAsked, "Feedback is asked once the complaint is resolved and what was granted has arrived.");
        }

        if (SatisfactionScore is not null)
        {
            throw new DomainException(DomainError.FeedbackAlreadyGiven, "Feedback was already given.");
        }

        if (score is < 1 or > 5)
        {
            throw new DomainException(DomainError.ScoreOutOfRange, "A score is 1 to 5.");
        }

        var text = string.IsNullOrWhiteSpace(remark) ? null : remark.Trim();
        if (text is { Length: > FeedbackRemarkMaxLength })
        {
            throw new DomainException(DomainError.RemarkTooLong, $"A remark has at most {FeedbackRemarkMaxLength} characters.", FeedbackRemarkMaxLength);
        }

        SatisfactionScore = score;
        FeedbackRemark = text;
        FeedbackAt = at;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.FeedbackGiven, at, Customer?.FirstName ?? "Klant", null, score.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The text that replaces a description once the personal data is removed.</summary>
    public const string RemovedText = "(verwijderd)";

    /// <summary>
    /// Removes the free texts in which a customer may have written personal details, keeping product, category,
    /// channel, dates, amounts, cause and score: every statistic stays the same.
    /// </summary>
    public void RemovePersonalData()
    {
        Description = RemovedText;
        PurchasePlace = null;
        FeedbackRemark = null;
        // The reason for more time may name the customer or their situation; that it was extended (once) stays.
        ExtensionReason = ExtensionReason is null ? null : RemovedText;
        RecordedByName = Customer is { AnonymisedAt: not null } && RecordedById is null ? Customer.AnonymousName : RecordedByName;
        foreach (var e in _timeline.Where(e => e.ActorId is null && e.Kind is TimelineEventKind.FeedbackGiven or TimelineEventKind.Received or TimelineEventKind.MessageReceived))
        {
            e.Anonymise();
        }

        foreach (var message in _messages)
        {
            message.RemovePersonalData();
        }
    }

    /// <summary>Removes the note of the resolution too: after the bookkeeping period only amounts and dates remain.</summary>
    public void RemoveResolutionNote() => Resolution?.RemoveNote();

    /// <summary>Closes the complaint when its investigation is fixed or closed without cause.</summary>
    internal void Close(DateTime at, StaffMember by, string? improvement)
    {
        if (Status != ComplaintStatus.Investigating)
        {
            throw new DomainException(DomainError.ComplaintNotUnderInvestigation, $"Complaint {TrackingCode} is {Status}; only a complaint under investigation can be closed.");
        }

        Status = ComplaintStatus.Closed;
        ClosedAt = at;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.Closed, at, by.FirstName, by.Id, improvement));
    }

    /// <summary>Moves the complaint to another investigation (regrouping by a manager).</summary>
    internal void MoveTo(RootCauseInvestigation target, StaffMember by, DateTime at)
    {
        if (Status != ComplaintStatus.Investigating)
        {
            throw new DomainException(DomainError.ComplaintNotUnderInvestigation, $"Complaint {TrackingCode} is {Status}; only a complaint under investigation can be moved.");
        }

        Investigation = target;
        InvestigationId = target.Id == 0 ? null : target.Id;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.MovedToInvestigation, at, by.FirstName, by.Id, target.Title));
    }

    /// <summary>Links the resolved complaint to the investigation into its cause.</summary>
    internal void JoinInvestigation(RootCauseInvestigation investigation, DateTime at)
    {
        if (Status != ComplaintStatus.Resolved)
        {
            throw new DomainException(DomainError.ComplaintNotResolved, $"Complaint {TrackingCode} is {Status}; only a resolved complaint joins an investigation.");
        }

        Investigation = investigation;
        InvestigationId = investigation.Id == 0 ? null : investigation.Id;
        Status = ComplaintStatus.Investigating;
        Version++;
        _timeline.Add(new TimelineEvent(TimelineEventKind.JoinedInvestigation, at, SystemActor, null, investigation.Title));
    }

    /// <summary>
    /// The latest calendar date anywhere at this UTC moment (UTC+14). The domain knows no time zone: its guard only
    /// refuses a purchase date no one can have reached yet, while the forms check against the organisation's own day
    /// (just after midnight in Amsterdam it is still yesterday in UTC, and a purchase made today is not in the future).
    /// </summary>
    private static DateOnly LatestDateOnEarth(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(14));

    public static string ProductKeyFor(string productName, string? articleNumber) =>
        string.IsNullOrWhiteSpace(articleNumber)
            ? "name:" + string.Join(' ', productName.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : "article:" + articleNumber.Trim().ToUpperInvariant();

    private static void RequireMaxLength(string? value, int max, string name)
    {
        if (value is { } v && v.Length > max)
        {
            throw new ArgumentException($"{name} has at most {max} characters.", name);
        }
    }

}
