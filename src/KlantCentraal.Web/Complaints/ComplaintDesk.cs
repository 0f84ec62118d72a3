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

/// <summary>
/// The desk's application service (the rules live in the domain). In one database transaction it finds or creates the customer,
/// records the complaint, grants the resolution, queues the root-cause investigation and writes the
/// timeline: either all of it is stored or none of it.
/// </summary>
public sealed partial class ComplaintDesk(
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
            return await AlreadyRecordedAsync(earlier, letter, cancellationToken);
        }

        if (command.AskIfSameComplaint && await RecentSameComplaintAsync(command, SameComplaintWindow, cancellationToken) is { } same)
        {
            // Most likely the same complaint sent twice (browser Back, send again): the desk is asked before a second one is stored.
            return Outcome.SameComplaint(same);
        }

        var granted = command.Resolution;
        try
        {
            return await gate.StepAsync(db, async effects =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var customer = command.FromDesk
                    ? await FindOrUpdateCustomerAtDeskAsync(command, now, cancellationToken)
                    : NewCustomer(command.Customer, now);

                var (storePolicy, budget) = await StorePolicyAsync(command.Complaint.StoreId, forNewComplaint: true, cancellationToken);
                var complaint = Complaint.Record(customer, command.Complaint, await UnusedCodeAsync(cancellationToken), staff, now, command.SubmissionId, command.Client);
                var resolution = Resolution.Grant(granted, staff, now, coSigners);
                complaint.Resolve(resolution, staff, storePolicy, now, deadlines.DayOf(now), await RecentGoodwillAsync(customer, now, cancellationToken), budget);
                db.Complaints.Add(complaint);
                db.RootCauseQueue.Add(RootCauseQueueItem.For(complaint, now));
                Owe(effects, MailKind.Resolved, complaint, customer, letter, now);
                await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.ComplaintReceived, complaint, cancellationToken);
                await RaiseResolvedAsync(complaint, cancellationToken);
                audit.Record(AuditAction.ComplaintRecorded, nameof(Complaint), complaint.TrackingCode.Value, $"{granted.Type} {granted.Amount}".Trim());
                RecordCoSignatures(command.CoSignatures, complaint.TrackingCode.Value);
                effects.Record(() =>
                {
                    metrics.Recorded(complaint.Channel);
                    metrics.Resolved(complaint.Channel, granted.Type, granted.Amount);
                    logger.LogInformation("Complaint {TrackingCode} recorded and resolved with {ResolutionType} by {StaffId}", complaint.TrackingCode, granted.Type, staff.Id);
                });
                return Outcome.Done(new RecordedComplaint(complaint.TrackingCode.Value, AlreadyRecorded: false));
            },
            cancellationToken,
            serializable: true);
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
        catch (PhoneOfAnotherCustomerException other)
        {
            db.ChangeTracker.Clear();
            return Outcome.KnownPhone(new PossibleMatch(other.CustomerId, other.Name, null, null, null));
        }
        catch (DbUpdateException)
        {
            // A double click may have raced this request and won: then hand out the code it stored.
            var concurrent = await FindBySubmissionAsync(command.SubmissionId, command.Client, CancellationToken.None);
            if (concurrent is null)
            {
                throw;
            }

            return await AlreadyRecordedAsync(concurrent, letter, cancellationToken);
        }
    }

    /// <summary>How long a complaint for the same customer and product counts as "just recorded": the desk is asked first.</summary>
    public static readonly TimeSpan SameComplaintWindow = TimeSpan.FromMinutes(10);

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
            return await gate.StepAsync(db, async effects =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var complaint = await db.Complaints.Include(c => c.Customer).SingleAsync(c => c.TrackingCode == Domain.TrackingCode.Parse(trackingCode), cancellationToken);
                var resolution = Resolution.Grant(granted, staff, now, coSigners);
                var (storePolicy, budget) = await StorePolicyAsync(complaint.StoreId, forNewComplaint: false, cancellationToken);
                complaint.Resolve(resolution, staff, storePolicy, now, deadlines.DayOf(now), await RecentGoodwillAsync(complaint.Customer!, now, cancellationToken), budget);
                db.RootCauseQueue.Add(RootCauseQueueItem.For(complaint, now));
                Owe(effects, MailKind.Resolved, complaint, complaint.Customer, letter, now);
                await RaiseResolvedAsync(complaint, cancellationToken);
                audit.Record(AuditAction.ComplaintResolved, nameof(Complaint), trackingCode, $"{granted.Type} {granted.Amount}".Trim());
                RecordCoSignatures(command.CoSignatures, trackingCode);
                effects.Record(() =>
                {
                    metrics.Resolved(complaint.Channel, granted.Type, granted.Amount);
                    logger.LogInformation("Complaint {TrackingCode} resolved from the inbox with {ResolutionType} by {StaffId}", trackingCode, granted.Type, staff.Id);
                });
                return Outcome.Done(new RecordedComplaint(trackingCode, AlreadyRecorded: false));
            },
            cancellationToken,
            serializable: true);
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
    }

    /// <summary>The audit log says who co-signed the grant and how, in the grant's transaction (ADR 0027).</summary>
    private void RecordCoSignatures(IReadOnlyList<CoSignature> signatures, string trackingCode)
    {
        foreach (var (managerId, email, how) in signatures)
        {
            audit.Record(AuditAction.CoSigned, nameof(Identity.StaffUser), managerId, AuditNote.CoSignedWith, email, how, trackingCode);
        }
    }

    /// <summary>
    /// A repeated submission answers with the complaint the first one recorded; if the first one died before its
    /// letter went out, the letter goes out now. Nothing is sent when no letter was asked for.
    /// </summary>
    private async Task<Outcome> AlreadyRecordedAsync(string trackingCode, LetterContext? letter, CancellationToken cancellationToken)
    {
        var mailed = letter is null ? null : await outbox.SendLeftOverAsync(trackingCode, cancellationToken);
        return Outcome.Done(new RecordedComplaint(trackingCode, AlreadyRecorded: true)) with { Letters = mailed is null ? 0 : 1, Mailed = mailed };
    }

    /// <summary>The letter to the customer goes in the same transaction, so it is sent even if the process dies right after; the gate sends it once committed.</summary>
    private void Owe(StepEffects effects, MailKind kind, Complaint complaint, Customer? customer, LetterContext? letter, DateTime now)
    {
        if (letter is not null && customer?.Email is not null)
        {
            outbox.Owe(effects, kind, complaint, letter, now);
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
        if (customerId is null && email is null && phone is null)
        {
            return null; // nobody to find again (a customer known by name and postcode only): no query
        }

        var submission = command.SubmissionId;
        var customers = SameCustomer(customerId ?? 0, email, phone);
        return await db.Complaints.AsNoTracking()
            .Where(c => customers.Contains(c.CustomerId) && c.ReceivedAt >= since && c.ProductKey == key && c.SubmissionId != submission)
            .OrderByDescending(c => c.ReceivedAt)
            .Select(c => new JustRecorded(c.TrackingCode.Value, c.Customer!.Name, c.ReceivedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private Customer NewCustomer(CustomerContact contact, DateTime now)
    {
        var customer = Customer.Create(contact.Name, contact.Email, contact.Phone, contact.Postcode, now);
        db.Customers.Add(customer);
        return customer;
    }

    /// <summary>
    /// At the desk: the customer picked from the search, else one found by e-mail or phone (details updated), else
    /// a new one. A known e-mail address is only replaced when the employee confirmed it on screen. A phone number
    /// alone never makes a new customer into a known one with another name (issue 41/6): the employee is asked, and
    /// either files the complaint under that customer, whose details stay as they are, or makes a new customer.
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

        if (command.CustomerId is null && customer.Email != Customer.NormalizeEmail(contact.Email) && SearchText.Fold(customer.Name) != SearchText.Fold(contact.Name))
        {
            return command.PhoneMatch switch
            {
                PhoneMatchChoice.UseKnown when command.PhoneMatchCustomerId == customer.Id => customer,
                PhoneMatchChoice.NewCustomer => NewCustomer(contact, now),
                _ => throw new PhoneOfAnotherCustomerException(customer.Id, customer.Name),
            };
        }

        if (customer.WouldChangeEmail(contact.Email) && !command.EmailChangeConfirmed)
        {
            throw new EmailChangeNotConfirmedException(customer.Email!);
        }

        customer.UpdateContactDetails(contact.Name, contact.Email, contact.Phone, contact.Postcode);
        return customer;
    }

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

        // Found (and then held) by the context: the customer's letter, written after the commit in the same request,
        // finds the store there instead of reading it again.
        var store = await db.Stores.FindAsync([id], cancellationToken);
        if (store is null || (forNewComplaint && store.IsClosed))
        {
            throw new DomainException(DomainError.StoreClosed, $"Store {id} does not exist or is closed.");
        }

        return (store.PolicyFrom(organisation), await BudgetAsync(store, cancellationToken));
    }

    /// <summary>
    /// The goodwill (refunds and vouchers) granted in the co-sign policy's window to this customer and to every
    /// record with the same e-mail address or phone number, so splitting a large refund over several complaints,
    /// or over several online submissions, does not pass under the limit.
    /// </summary>
    private async Task<Money> RecentGoodwillAsync(Customer customer, DateTime now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-policy.CurrentValue.CoSign.WindowDays);
        var email = customer.Email;
        var phone = customer.Phone;
        if (customer.Id == 0 && email is null && phone is null)
        {
            return new Money(0); // a new customer nobody else can be: no query
        }

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
        Customer.NormalizeEmail(contact.Email) is null && Customer.NormalizePhone(contact.Phone) is null
            ? Task.FromResult<Customer?>(null) // no e-mail or phone to find anyone by: no query
            : db.Customers.SameAs(contact.Email, contact.Phone).FirstOrDefaultAsync(cancellationToken);
}
