using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Complaints;

/// <summary>Who the customer is, as told at the desk.</summary>
public sealed record CustomerContact(string Name, string? Email, string? Phone, string? Postcode);

/// <summary>
/// The desk's one step: record, resolve and queue the investigation. Only at the desk
/// (<see cref="FromDesk"/>) is an existing customer used and updated: <paramref name="CustomerId"/> is the customer
/// the desk picked from the search, else the customer is found by e-mail or phone, else created. Anywhere else
/// (an integration) whoever sends the request may lie about who they are, so a new customer record is made.
/// </summary>
public sealed record RecordAndResolve(Guid SubmissionId, CustomerContact Customer, ComplaintDetails Complaint, GrantedResolution Resolution, StaffMember Staff, int? CustomerId = null)
{
    /// <summary>The managers who co-sign, when the policy asks for it.</summary>
    public CoSigners? CoSigners { get; init; }

    /// <summary>How each co-signer signed (password or PIN), for the audit log written with the grant.</summary>
    public IReadOnlyList<CoSignature> CoSignatures { get; init; } = [];

    /// <summary>How to write the customer's confirmation; null: no letter (an integration tells its customer itself).</summary>
    public LetterContext? Letter { get; init; }

    /// <summary>Who sent the submission: its id finds an earlier complaint only for the same client.</summary>
    public string Client { get; init; } = "desk";

    /// <summary>Recorded by a signed-in desk employee, who may pick and update an existing customer.</summary>
    public bool FromDesk { get; init; }

    /// <summary>The employee confirmed on screen that the customer's known e-mail address is replaced.</summary>
    public bool EmailChangeConfirmed { get; init; }

    /// <summary>Ask before storing a complaint that looks like one the desk recorded moments ago (not yet confirmed as another).</summary>
    public bool AskIfSameComplaint { get; init; }
}

/// <summary>
/// A complaint received without resolution: from the online form, an integration or e-mail. The sender is not signed
/// in, so <see cref="Client"/> scopes the submission id, and a new customer record is made.
/// </summary>
public sealed record Receive(Guid SubmissionId, string Client, CustomerContact Customer, ComplaintDetails Complaint)
{
    /// <summary>How to write the receipt to the customer; null: no letter.</summary>
    public LetterContext? Letter { get; init; }
}

/// <summary>The desk resolves a complaint received earlier (from the web inbox).</summary>
public sealed record ResolveReceived(string TrackingCode, GrantedResolution Resolution, StaffMember Staff)
{
    public CoSigners? CoSigners { get; init; }

    /// <summary>How each co-signer signed (password or PIN), for the audit log written with the grant.</summary>
    public IReadOnlyList<CoSignature> CoSignatures { get; init; } = [];

    /// <summary>How to write the confirmation; null: no letter.</summary>
    public LetterContext? Letter { get; init; }
}

/// <summary>A complaint recorded a moment ago, for the question "al een klacht over dit product — openen?".</summary>
public sealed record JustRecorded(string TrackingCode, string CustomerName, DateTime ReceivedAt)
{
    public string FirstName => CustomerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? CustomerName;
}

/// <summary>The tracking code handed to the customer; AlreadyRecorded when the same submission came in twice.</summary>
public sealed record RecordedComplaint(string TrackingCode, bool AlreadyRecorded)
{
    /// <summary>The customer's letter went out (true), could not go out now and waits in the outbox (false), or none was owed (null).</summary>
    public bool? Mailed { get; init; }
}

/// <summary>A manager's co-signature as checked on the desk's screen: who, with which address, and how (wachtwoord or meeteken-PIN).</summary>
public sealed record CoSignature(string ManagerId, string? Email, string How);

/// <summary>The desk corrects a complaint's descriptive fields, guarded by the <paramref name="Version"/> the employee saw.</summary>
public sealed record CorrectComplaint(string TrackingCode, int Version, ComplaintCorrection Correction, StaffMember By);

/// <summary>The desk moves a complaint to another of the employee's stores (null: to none), as <paramref name="Access"/> allows.</summary>
public sealed record MoveToStore(string TrackingCode, int? StoreId, StaffMember By, Stores.StoreAccess.Snapshot Access);

/// <summary>
/// The desk's application service (the rules live in the domain). In one database transaction it finds or creates the customer,
/// records the complaint, grants the resolution, queues the root-cause investigation and writes the
/// timeline: either all of it is stored or none of it.
/// </summary>
public sealed class ComplaintDesk(
    AppDbContext db,
    TimeProvider time,
    IOptionsMonitor<PolicyOptions> policy,
    AuditLog audit,
    WriteGate gate,
    TrackingCodeSource codes,
    MailOutbox outbox,
    Organisation.OrganisationCalendar calendar,
    Organisation.Deadlines deadlines,
    Webhooks.Webhooks webhooks,
    Hosting.AppMetrics metrics,
    ILogger<ComplaintDesk> logger)
{
    /// <summary>The other systems hear of a resolution (and of the managers who co-signed it) in the same transaction (issue 29).</summary>
    private async Task RaiseResolvedAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.ComplaintResolved, complaint, cancellationToken);
        if (complaint.Resolution?.CoSignedById is not null)
        {
            await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.CoSignGranted, complaint, cancellationToken);
        }
    }


    /// <summary>
    /// Records, resolves and queues in one transaction, with the confirmation owed to the customer when
    /// command's letter says how to write it, sent once committed. Stores nothing and answers
    /// <see cref="OutcomeKind.CoSignNeeded"/> when the policy asks for a co-signature the command does not carry,
    /// <see cref="OutcomeKind.ConfirmEmail"/> when the desk would replace a known customer's e-mail address unconfirmed,
    /// and <see cref="OutcomeKind.SameComplaint"/> when it looks like one recorded moments ago.
    /// </summary>
    public async Task<Outcome> RecordAndResolveAsync(RecordAndResolve command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (staff, coSigners, letter) = (command.Staff, command.CoSigners, command.Letter);
        if (await FindBySubmissionAsync(command.SubmissionId, command.Client, cancellationToken) is { } earlier)
        {
            return Outcome.Done(await SendOwedAsync(new RecordedComplaint(earlier, AlreadyRecorded: true), letter, cancellationToken));
        }

        if (command.AskIfSameComplaint && await RecentSameComplaintAsync(command, SameComplaintWindow, cancellationToken) is { } same)
        {
            // Most likely the same complaint sent twice (browser Back, send again): the desk is asked before a second one is stored.
            return Outcome.SameComplaint(same);
        }

        var granted = command.Resolution;
        try
        {
            var complaint = await gate.WriteSerializableAsync(db, async () =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var customer = command.FromDesk
                    ? await FindOrUpdateCustomerAtDeskAsync(command, now, cancellationToken)
                    : NewCustomer(command.Customer, now);

                var (storePolicy, budget) = await StorePolicyAsync(command.Complaint.StoreId, forNewComplaint: true, cancellationToken);
                var complaint = Complaint.Record(customer, command.Complaint, await UnusedCodeAsync(cancellationToken), staff, now, command.SubmissionId, command.Client);
                var resolution = Resolution.Grant(granted, staff, now, coSigners);
                complaint.Resolve(resolution, staff, storePolicy, now, await RecentGoodwillAsync(customer, now, cancellationToken), budget);
                db.Complaints.Add(complaint);
                db.RootCauseQueue.Add(RootCauseQueueItem.For(complaint, now));
                Owe(MailKind.Resolved, complaint, customer, letter, now);
                await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.ComplaintReceived, complaint, cancellationToken);
                await RaiseResolvedAsync(complaint, cancellationToken);
                audit.Record(AuditAction.ComplaintRecorded, nameof(Complaint), complaint.TrackingCode.Value, $"{granted.Type} {granted.Amount}".Trim());
                RecordCoSignatures(command.CoSignatures, complaint.TrackingCode.Value);
                return complaint;
            },
            complaint =>
            {
                metrics.Recorded(complaint.Channel);
                metrics.Resolved(complaint.Channel, granted.Type, granted.Amount);
                logger.LogInformation("Complaint {TrackingCode} recorded and resolved with {ResolutionType} by {StaffId}", complaint.TrackingCode, granted.Type, staff.Id);
                return Task.CompletedTask;
            },
            cancellationToken);
            return Outcome.Done(await SendOwedAsync(new RecordedComplaint(complaint.TrackingCode.Value, AlreadyRecorded: false), letter, cancellationToken));
        }
        catch (CoSignatureRequiredException needed)
        {
            db.ChangeTracker.Clear();
            return Outcome.CoSignNeeded(needed);
        }
        catch (EmailChangeNotConfirmedException known)
        {
            db.ChangeTracker.Clear();
            return Outcome.ConfirmEmail(known.KnownEmail);
        }
        catch (DbUpdateException)
        {
            // A double click may have raced this request and won: then hand out the code it stored.
            var concurrent = await FindBySubmissionAsync(command.SubmissionId, command.Client, CancellationToken.None);
            if (concurrent is null)
            {
                throw;
            }

            return Outcome.Done(await SendOwedAsync(new RecordedComplaint(concurrent, AlreadyRecorded: true), letter, cancellationToken));
        }
    }

    /// <summary>
    /// Adds a received complaint, its promised date, its owed confirmation and its webhook event to the caller's unit
    /// of work: <see cref="ReceiveAsync"/> writes it alone, the mailbox's import together with the e-mail it came in
    /// (<see cref="Conversations.ConversationDesk.ImportEmailAsync"/>).
    /// </summary>
    internal async Task<Complaint> ReceiveIntoAsync(Receive command, DateTime now, CancellationToken cancellationToken)
    {
        var (contact, details) = (command.Customer, command.Complaint);
        // The promise the customer is given now is kept: stored, the same date on every page and letter (ADR 0028).
        var regime = deadlines.RegimeFor(details.Category);
        var promise = await deadlines.RespondByAsync(now, details.StoreId, regime, cancellationToken);
        await StorePolicyAsync(details.StoreId, forNewComplaint: true, cancellationToken);
        var customer = NewCustomer(contact, now);
        var complaint = Complaint.Record(customer, details, await UnusedCodeAsync(cancellationToken), recordedBy: null, now, command.SubmissionId, command.Client);
        complaint.Promise(promise, regime);
        db.Complaints.Add(complaint);
        Owe(MailKind.Received, complaint, customer, command.Letter, now);
        await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.ComplaintReceived, complaint, cancellationToken);
        return complaint;
    }

    /// <summary>How long a complaint for the same customer and product counts as "just recorded": the desk is asked first.</summary>
    public static readonly TimeSpan SameComplaintWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A complaint received without resolution (a customer's own online complaint, or one from an integration):
    /// recorded and confirmed at once, not yet resolved. It waits in
    /// the desk's web inbox, where the desk resolves it with <see cref="ResolveAsync"/>. The sender is not signed
    /// in and may claim to be anyone, so an existing customer is never changed: the complaint gets a customer
    /// record of its own, and the desk links it to a known customer with one click (<see cref="LinkToCustomerAsync"/>).
    /// </summary>
    public async Task<RecordedComplaint> ReceiveAsync(Receive command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (submissionId, client, details, letter) = (command.SubmissionId, command.Client, command.Complaint, command.Letter);
        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        if (await FindBySubmissionAsync(submissionId, client, cancellationToken) is { } earlier)
        {
            return await SendOwedAsync(new RecordedComplaint(earlier, AlreadyRecorded: true), letter, cancellationToken);
        }

        try
        {
            var code = await gate.WriteAsync(
                db,
                async () => (await ReceiveIntoAsync(command, time.GetUtcNow().UtcDateTime, cancellationToken)).TrackingCode,
                code =>
                {
                    metrics.Recorded(details.Channel);
                    logger.LogInformation("Complaint {TrackingCode} received through channel {Channel}", code, details.Channel);
                    return Task.CompletedTask;
                },
                cancellationToken);
            return await SendOwedAsync(new RecordedComplaint(code.Value, AlreadyRecorded: false), letter, cancellationToken);
        }
        catch (DbUpdateException)
        {
            var concurrent = await FindBySubmissionAsync(submissionId, client, CancellationToken.None);
            if (concurrent is null)
            {
                throw;
            }

            return await SendOwedAsync(new RecordedComplaint(concurrent, AlreadyRecorded: true), letter, cancellationToken);
        }
    }

    /// <summary>
    /// Resolves a complaint that was received earlier (from the web inbox) and queues its investigation, in one
    /// transaction. Answers <see cref="OutcomeKind.CoSignNeeded"/> like <see cref="RecordAndResolveAsync"/>, and
    /// <see cref="OutcomeKind.Conflict"/> when someone else resolved it first.
    /// </summary>
    public async Task<Outcome> ResolveAsync(ResolveReceived command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (trackingCode, granted, staff, coSigners, letter) = (command.TrackingCode, command.Resolution, command.Staff, command.CoSigners, command.Letter);
        try
        {
            await gate.WriteSerializableAsync(db, async () =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var complaint = await db.Complaints.Include(c => c.Customer).SingleAsync(c => c.TrackingCode == Domain.TrackingCode.Parse(trackingCode), cancellationToken);
                var resolution = Resolution.Grant(granted, staff, now, coSigners);
                var (storePolicy, budget) = await StorePolicyAsync(complaint.StoreId, forNewComplaint: false, cancellationToken);
                complaint.Resolve(resolution, staff, storePolicy, now, await RecentGoodwillAsync(complaint.Customer!, now, cancellationToken), budget, answeredOn: deadlines.DayOf(now));
                db.RootCauseQueue.Add(RootCauseQueueItem.For(complaint, now));
                Owe(MailKind.Resolved, complaint, complaint.Customer, letter, now);
                await RaiseResolvedAsync(complaint, cancellationToken);
                audit.Record(AuditAction.ComplaintResolved, nameof(Complaint), trackingCode, $"{granted.Type} {granted.Amount}".Trim());
                RecordCoSignatures(command.CoSignatures, trackingCode);
                return complaint.Channel;
            },
            channel =>
            {
                metrics.Resolved(channel, granted.Type, granted.Amount);
                logger.LogInformation("Complaint {TrackingCode} resolved from the inbox with {ResolutionType} by {StaffId}", trackingCode, granted.Type, staff.Id);
                return Task.CompletedTask;
            },
            cancellationToken);
        }
        catch (CoSignatureRequiredException needed)
        {
            db.ChangeTracker.Clear();
            return Outcome.CoSignNeeded(needed);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            // A colleague resolved it first: nothing is granted twice.
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }

        return Outcome.Done(await SendOwedAsync(new RecordedComplaint(trackingCode, AlreadyRecorded: false), letter, cancellationToken));
    }

    /// <summary>
    /// The desk needs more time to answer (issue 28): once, with a reason, to a later day at most
    /// <see cref="PromiseRules.ExtensionDays"/> after the first promise; the customer gets a letter with the new date and why.
    /// </summary>
    public async Task<Outcome> ExtendAsync(string trackingCode, DateOnly to, string? reason, StaffMember by, LetterContext? letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!Domain.TrackingCode.TryParse(trackingCode, out var code))
        {
            return Outcome.NotFound;
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            var found = await gate.WriteAsync(db, async () =>
            {
                var complaint = await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
                if (complaint is null)
                {
                    return false;
                }

                complaint.ExtendPromise(to, reason, by, now);
                // In the language the customer was written to before, not the desk employee's screen language.
                var culture = await db.OutgoingMails.Where(m => m.ComplaintId == complaint.Id).OrderByDescending(m => m.Id).Select(m => m.Culture).FirstOrDefaultAsync(cancellationToken);
                Owe(MailKind.Extended, complaint, complaint.Customer, letter is null || culture is null ? letter : letter with { Culture = culture }, now);
                return true;
            }, cancellationToken);
            if (!found)
            {
                return Outcome.NotFound;
            }
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal);
        }

        var mailed = letter is not null && await outbox.SendOwedAsync(code!.Value, cancellationToken) == true;
        logger.LogInformation("Complaint {TrackingCode}: promise extended to {Date}", code!.Value, to);
        return Outcome.Done() with { Mailed = mailed };
    }

    /// <summary>
    /// The customer's one answer to "how satisfied are you?" (1–5 and a remark). A score or remark the rules refuse is
    /// <see cref="OutcomeKind.Refused"/> with the rule; feedback given before (the same form sent twice, an old tab) is
    /// <see cref="OutcomeKind.Conflict"/>: the first one counts.
    /// </summary>
    public async Task<Outcome> GiveFeedbackAsync(string trackingCode, int score, string? remark, CancellationToken cancellationToken)
    {
        if (!Domain.TrackingCode.TryParse(trackingCode, out var code))
        {
            return Outcome.NotFound;
        }

        try
        {
            return await gate.WriteAsync(db, async () =>
            {
                var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
                if (complaint is null)
                {
                    return Outcome.NotFound;
                }

                complaint.GiveFeedback(score, remark, time.GetUtcNow().UtcDateTime);
                return Outcome.Done();
            }, cancellationToken);
        }
        catch (DomainException refusal) when (refusal.Error is DomainError.ScoreOutOfRange or DomainError.RemarkTooLong)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
    }

    /// <summary>
    /// Corrects the descriptive fields (channel, category, product, purchase, receipt, description); the changed fields
    /// land on the timeline and in the audit log. Two people correcting at once: the second gets
    /// <see cref="OutcomeKind.Conflict"/> and nothing is overwritten (optimistic concurrency on <see cref="Complaint.Version"/>).
    /// </summary>
    public async Task<Outcome> CorrectAsync(CorrectComplaint command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Domain.TrackingCode.TryParse(command.TrackingCode, out var code))
        {
            return Outcome.NotFound;
        }

        try
        {
            return await gate.WriteAsync(db, async () =>
            {
                var complaint = await db.Complaints.Include(c => c.Timeline).FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
                if (complaint is null)
                {
                    return Outcome.NotFound;
                }

                db.Entry(complaint).Property(c => c.Version).OriginalValue = command.Version;
                var changed = complaint.Correct(command.Correction, command.By, time.GetUtcNow().UtcDateTime);
                if (changed.Count == 0)
                {
                    return Outcome.Unchanged;
                }

                audit.Record(AuditAction.ComplaintCorrected, nameof(Complaint), complaint.TrackingCode.Value, string.Join(",", changed));
                return Outcome.Done();
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
    }

    /// <summary>
    /// The desk corrects where it happened: from one of the employee's own stores (or from none) to one of their own
    /// stores (or to none, for central staff); the move lands on the timeline and in the audit log. Goodwill already
    /// granted stays on the budget of the store that granted it.
    /// </summary>
    public Task<Outcome> MoveToStoreAsync(MoveToStore command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Domain.TrackingCode.TryParse(command.TrackingCode, out var code))
        {
            return Task.FromResult(Outcome.NotFound);
        }

        return gate.WriteAsync(db, async () =>
        {
            var complaint = await db.Complaints.Include(c => c.Timeline).FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
            if (complaint is null)
            {
                return Outcome.NotFound;
            }

            if (!command.Access.May(command.StoreId) || (complaint.StoreId is { } current && !command.Access.May(current)))
            {
                return Outcome.NotYours;
            }

            var store = command.StoreId is { } id ? await db.Stores.SingleAsync(s => s.Id == id, cancellationToken) : null;
            if (!complaint.MoveToStore(store, command.By, time.GetUtcNow().UtcDateTime))
            {
                return Outcome.Unchanged;
            }

            audit.Record(AuditAction.ComplaintStoreChanged, nameof(Complaint), complaint.TrackingCode.Value, store?.Code);
            return Outcome.Done();
        }, cancellationToken);
    }

    /// <summary>The audit log says who co-signed the grant and how, in the grant's transaction (ADR 0027).</summary>
    private void RecordCoSignatures(IReadOnlyList<CoSignature> signatures, string trackingCode)
    {
        foreach (var (managerId, email, how) in signatures)
        {
            audit.Record(AuditAction.CoSigned, nameof(Identity.StaffUser), managerId, $"{email} tekende mee met {how} ({trackingCode})");
        }
    }

    /// <summary>
    /// Sends the letter owed for the complaint once its transaction is committed (also for a repeated submission: if
    /// the first one died before its letter went out, it goes out now). Nothing is sent when no letter was asked for.
    /// </summary>
    private async Task<RecordedComplaint> SendOwedAsync(RecordedComplaint recorded, LetterContext? letter, CancellationToken cancellationToken) =>
        letter is null ? recorded : recorded with { Mailed = await outbox.SendOwedAsync(recorded.TrackingCode, cancellationToken) };

    /// <summary>The letter to the customer goes in the same transaction, so it is sent even if the process dies right after.</summary>
    private void Owe(MailKind kind, Complaint complaint, Customer? customer, LetterContext? letter, DateTime now)
    {
        if (letter is not null && customer?.Email is not null)
        {
            outbox.Owe(kind, complaint, letter, now);
        }
    }

    /// <summary>
    /// A complaint recorded moments ago for the same customer (picked, or the same e-mail address or phone number)
    /// about the same product, under another submission: most likely the same complaint sent twice (browser Back and
    /// send again). The desk is asked before a second one is stored; null when there is none.
    /// </summary>
    public async Task<JustRecorded?> RecentSameComplaintAsync(RecordAndResolve command, TimeSpan within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var since = time.GetUtcNow().UtcDateTime - within;
        var key = Complaint.ProductKeyFor(command.Complaint.ProductName, command.Complaint.ArticleNumber);
        // Compared as stored: "Pieter@Example.nl" and "06-1234 5678" are the same customer as their stored forms.
        var email = Customer.NormalizeEmail(command.Customer.Email);
        var phone = Customer.NormalizePhone(command.Customer.Phone);
        var customerId = command.CustomerId;
        var submission = command.SubmissionId;
        var customers = SameCustomer(customerId ?? 0, email, phone);
        return await db.Complaints.AsNoTracking()
            .Where(c => customers.Contains(c.CustomerId) && c.ReceivedAt >= since && c.ProductKey == key && c.SubmissionId != submission)
            .OrderByDescending(c => c.ReceivedAt)
            .Select(c => new JustRecorded(c.TrackingCode.Value, c.Customer!.Name, c.ReceivedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Customers who may be the one behind a complaint received through an unauthenticated channel: the same
    /// e-mail address or phone number. Shown to the desk, which links the complaint with one click; never applied
    /// by itself.
    /// </summary>
    public async Task<IReadOnlyList<PossibleMatch>> PossibleMatchesAsync(Customer received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        return await db.Customers.AsNoTracking()
            .Where(c => c.Id != received.Id)
            .SameAs(received.Email, received.Phone)
            .Take(5)
            .Select(c => new PossibleMatch(c.Id, c.Name, c.Email, c.Phone, c.Postcode))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The desk confirms that a complaint received online (or from an integration) belongs to a known customer:
    /// the complaint moves to that customer, whose details stay as they are. The record made for the complaint is
    /// removed when nothing else refers to it.
    /// </summary>
    public async Task LinkToCustomerAsync(string trackingCode, int customerId, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var now = time.GetUtcNow().UtcDateTime;
        await gate.WriteAsync(db, async () =>
        {
            var complaint = await db.Complaints.Include(c => c.Customer).SingleAsync(c => c.TrackingCode == Domain.TrackingCode.Parse(trackingCode), cancellationToken);
            var known = await db.Customers.SingleAsync(c => c.Id == customerId, cancellationToken);
            var provisional = complaint.Customer!;
            // The record made for this complaint goes when nothing else refers to it.
            var alone = !await db.Complaints.AnyAsync(c => c.CustomerId == provisional.Id && c.Id != complaint.Id, cancellationToken);
            complaint.MoveToCustomer(known, staff, now);
            if (alone && provisional.Id != known.Id)
            {
                db.Customers.Remove(provisional);
            }

            audit.Record(AuditAction.ComplaintLinkedToCustomer, nameof(Complaint), trackingCode, known.CustomerNumber);
        },
        () =>
        {
            logger.LogInformation("Complaint {TrackingCode} linked to customer {CustomerId} by {StaffId}", trackingCode, customerId, staff.Id);
            return Task.CompletedTask;
        },
        cancellationToken);
    }

    private Customer NewCustomer(CustomerContact contact, DateTime now)
    {
        var customer = Customer.Create(contact.Name, contact.Email, contact.Phone, contact.Postcode, now);
        db.Customers.Add(customer);
        return customer;
    }

    /// <summary>
    /// At the desk: the customer picked from the search, else one found by e-mail or phone (details updated), else
    /// a new one. A known e-mail address is only replaced when the employee confirmed it on screen.
    /// </summary>
    private async Task<Customer> FindOrUpdateCustomerAtDeskAsync(RecordAndResolve command, DateTime now, CancellationToken cancellationToken)
    {
        var contact = command.Customer;
        var customer = command.CustomerId is { } id
            ? await db.Customers.FirstOrDefaultAsync(c => c.Id == id && c.AnonymisedAt == null, cancellationToken)
            : await FindCustomerAsync(contact, cancellationToken);
        if (customer is null)
        {
            return NewCustomer(contact, now);
        }

        if (customer.WouldChangeEmail(contact.Email) && !command.EmailChangeConfirmed)
        {
            throw new EmailChangeNotConfirmedException(customer.Email!);
        }

        customer.UpdateContactDetails(contact.Name, contact.Email, contact.Phone, contact.Postcode);
        return customer;
    }

    /// <summary>
    /// The goodwill (refunds and vouchers) granted in the co-sign policy's window to this customer and to every
    /// record with the same e-mail address or phone number, so splitting a large refund over several complaints,
    /// or over several online submissions, does not pass under the limit.
    /// </summary>
    /// <summary>
    /// How much of the store's goodwill budget this calendar month (organisation's time zone) is used; null when
    /// the store has no budget. The desk shows it, and the co-sign policy counts the resolution at hand on top.
    /// </summary>
    public async Task<StoreBudget?> BudgetAsync(int storeId, CancellationToken cancellationToken)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, cancellationToken);
        return store is null ? null : await BudgetAsync(store, cancellationToken);
    }

    private async Task<StoreBudget?> BudgetAsync(Store store, CancellationToken cancellationToken)
    {
        if (store.MonthlyBudget is not { } budget)
        {
            return null;
        }

        var since = calendar.StartOfMonthUtc(time.GetUtcNow().UtcDateTime);
        var id = store.Id;
        var used = await db.Complaints.AsNoTracking()
            .Where(c => c.Resolution != null && c.Resolution.GrantedAtStoreId == id && c.Resolution.AmountCents != null && c.Resolution.GrantedAt >= since)
            .SumAsync(c => c.Resolution!.AmountCents ?? 0, cancellationToken);
        return new StoreBudget(store.Name, budget, new Money(used));
    }

    /// <summary>
    /// The co-sign policy where the complaint happened (the store's own limit, else the organisation's) and the
    /// store's budget. A new complaint only goes to a store that exists and is open.
    /// </summary>
    private async Task<(CoSignPolicy Policy, StoreBudget? Budget)> StorePolicyAsync(int? storeId, bool forNewComplaint, CancellationToken cancellationToken)
    {
        var organisation = policy.CurrentValue.CoSign;
        if (storeId is not { } id)
        {
            return (organisation, null);
        }

        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (store is null || (forNewComplaint && store.IsClosed))
        {
            throw new DomainException(DomainError.StoreClosed, $"Store {id} does not exist or is closed.");
        }

        return (store.PolicyFrom(organisation), await BudgetAsync(store, cancellationToken));
    }

    private async Task<Money> RecentGoodwillAsync(Customer customer, DateTime now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-policy.CurrentValue.CoSign.WindowDays);
        var email = customer.Email;
        var phone = customer.Phone;
        var customers = SameCustomer(customer.Id, email, phone);
        var cents = await db.Complaints.AsNoTracking()
            .Where(c => customers.Contains(c.CustomerId))
            .Where(c => c.Resolution != null && c.Resolution.AmountCents != null && c.Resolution.GrantedAt >= since)
            .SumAsync(c => c.Resolution!.AmountCents ?? 0, cancellationToken);
        return new Money(cents);
    }

    /// <summary>
    /// The customers who are this one: the same record, e-mail address or phone number. A subquery on Customers alone,
    /// which SQLite answers from the indexes on Id, Email and Phone, so the complaints are then found through their
    /// CustomerId index. (The OR across the join it replaces made SQLite read every complaint of the period: the
    /// desk's write slowed down as the table grew, docs/performance.md.)
    /// </summary>
    private IQueryable<int> SameCustomer(int id, string? email, string? phone) =>
        db.Customers.Where(c => (id != 0 && c.Id == id) || (email != null && c.Email == email) || (phone != null && c.Phone == phone)).Select(c => c.Id);

    /// <summary>
    /// A code no complaint has yet. Two random codes meet about once in 20 million inserts at a million complaints;
    /// then another is drawn. Inside the write transaction, so on SQLite no other writer can take it meanwhile
    /// (elsewhere the unique index still refuses a duplicate).
    /// </summary>
    private async Task<TrackingCode> UnusedCodeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var code = codes.Next();
            if (!await db.Complaints.AnyAsync(c => c.TrackingCode == code, cancellationToken))
            {
                return code;
            }

            logger.LogWarning("Tracking code collision on attempt {Attempt}; drawing another code", attempt);
            if (attempt == 10)
            {
                throw new InvalidOperationException("Ten tracking codes in a row were taken; the code source is broken.");
            }
        }
    }

    private async Task<string?> FindBySubmissionAsync(Guid submissionId, string client, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Complaints.AsNoTracking()
            .Where(c => c.SubmissionId == submissionId && c.SubmittedBy == client)
            .Select(c => c.TrackingCode.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A returning customer is recognised by e-mail address first, then by phone number (<see cref="CustomerSearch.SameAs"/>).</summary>
    private Task<Customer?> FindCustomerAsync(CustomerContact contact, CancellationToken cancellationToken) =>
        db.Customers.SameAs(contact.Email, contact.Phone).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>Draws new tracking codes; tests replace it to force a collision.</summary>
public class TrackingCodeSource
{
    public virtual TrackingCode Next() => TrackingCode.New();
}

/// <summary>A known customer who may be the one behind a complaint that came in online.</summary>
public sealed record PossibleMatch(int Id, string Name, string? Email, string? Phone, string? Postcode)
{
    public string CustomerNumber => Customer.FormatNumber(Id);
}

/// <summary>The desk would replace a customer's known e-mail address: the employee confirms that on screen first.</summary>
public sealed class EmailChangeNotConfirmedException(string knownEmail)
    : InvalidOperationException("Replacing the customer's known e-mail address needs the employee's confirmation.")
{
    public string KnownEmail { get; } = knownEmail;
}
