using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Complaints;

/// <summary>Who the customer is, as told at the desk.</summary>
public sealed record CustomerContact(string Name, string? Email, string? Phone, string? Postcode);

/// <summary>What the desk grants: a type, an amount for refunds and vouchers, a method for refunds, a note otherwise.</summary>
public sealed record GrantedResolution(ResolutionType Type, Money? Amount, RefundMethod? RefundMethod, string? Note);

/// <summary>
/// The desk's one step: record, resolve and queue the investigation. <paramref name="CustomerId"/> is the
/// customer the desk picked from the search, else the customer is found by e-mail or phone, else created.
/// </summary>
public sealed record RecordAndResolve(Guid SubmissionId, CustomerContact Customer, ComplaintDetails Complaint, GrantedResolution Resolution, int? CustomerId = null);

/// <summary>The tracking code handed to the customer; AlreadyRecorded when the same submission came in twice.</summary>
public sealed record RecordedComplaint(string TrackingCode, bool AlreadyRecorded);

/// <summary>
/// The domain service of the desk. In one database transaction it finds or creates the customer,
/// records the complaint, grants the resolution, queues the root-cause investigation and writes the
/// timeline: either all of it is stored or none of it.
/// </summary>
public sealed class ComplaintDesk(
    AppDbContext db,
    TimeProvider time,
    IOptionsSnapshot<PolicyOptions> policy,
    AuditLog audit,
    WriteGate gate,
    TrackingCodeSource codes,
    MailOutbox outbox,
    ILogger<ComplaintDesk> logger)
{
    /// <summary>
    /// Records, resolves and queues in one transaction, with the confirmation owed to the customer when
    /// <paramref name="letter"/> says how to write it. Throws <see cref="CoSignatureRequiredException"/>
    /// (storing nothing) when the policy asks for a manager's co-signature and <paramref name="coSigner"/> is missing.
    /// </summary>
    public async Task<RecordedComplaint> RecordAndResolveAsync(RecordAndResolve command, StaffMember staff, CancellationToken cancellationToken, StaffMember? coSigner = null, LetterContext? letter = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(staff);

        if (await FindBySubmissionAsync(command.SubmissionId, cancellationToken) is { } earlier)
        {
            return new RecordedComplaint(earlier, AlreadyRecorded: true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await using var turn = await gate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var customer = await FindOrCreateCustomerAsync(command.Customer, command.CustomerId, now, cancellationToken);

            var complaint = Complaint.Record(customer, command.Complaint, await UnusedCodeAsync(cancellationToken), staff, now, command.SubmissionId);
            var granted = command.Resolution;
            var resolution = Resolution.Grant(granted.Type, granted.Amount, granted.RefundMethod, granted.Note, staff, now, coSigner);
            complaint.Resolve(resolution, staff, policy.Value.CoSign, now);
            db.Complaints.Add(complaint);
            db.RootCauseQueue.Add(RootCauseQueueItem.For(complaint, now));
            Owe(MailKind.Resolved, complaint, customer, letter, now);
            audit.Record(AuditAction.ComplaintRecorded, nameof(Complaint), complaint.TrackingCode, $"{granted.Type} {granted.Amount}".Trim());

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            logger.LogInformation(
                "Complaint {TrackingCode} recorded and resolved with {ResolutionType} by {StaffId}",
                complaint.TrackingCode,
                granted.Type,
                staff.Id);
            return new RecordedComplaint(complaint.TrackingCode, AlreadyRecorded: false);
        }
        catch (DbUpdateException)
        {
            // A double click may have raced this request and won: then hand out the code it stored.
            var concurrent = await FindBySubmissionAsync(command.SubmissionId, CancellationToken.None);
            if (concurrent is null)
            {
                throw;
            }

            return new RecordedComplaint(concurrent, AlreadyRecorded: true);
        }
    }

    /// <summary>
    /// A complaint received without resolution (a customer's own online complaint, or one from an integration):
    /// recorded and confirmed at once, not yet resolved. It waits in
    /// the desk's web inbox, where the desk resolves it with <see cref="ResolveAsync"/>.
    /// </summary>
    public async Task<RecordedComplaint> ReceiveAsync(Guid submissionId, CustomerContact contact, ComplaintDetails details, CancellationToken cancellationToken, LetterContext? letter = null)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(details);
        if (await FindBySubmissionAsync(submissionId, cancellationToken) is { } earlier)
        {
            return new RecordedComplaint(earlier, AlreadyRecorded: true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await using var turn = await gate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var customer = await FindOrCreateCustomerAsync(contact, customerId: null, now, cancellationToken);
            var complaint = Complaint.Record(customer, details, await UnusedCodeAsync(cancellationToken), recordedBy: null, now, submissionId);
            db.Complaints.Add(complaint);
            Owe(MailKind.Received, complaint, customer, letter, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Complaint {TrackingCode} received through channel {Channel}", complaint.TrackingCode, details.Channel);
            return new RecordedComplaint(complaint.TrackingCode, AlreadyRecorded: false);
        }
        catch (DbUpdateException)
        {
            var concurrent = await FindBySubmissionAsync(submissionId, CancellationToken.None);
            if (concurrent is null)
            {
                throw;
            }

            return new RecordedComplaint(concurrent, AlreadyRecorded: true);
        }
    }

    /// <summary>
    /// Resolves a complaint that was received earlier (from the web inbox) and queues its investigation, in one
    /// transaction. Throws <see cref="CoSignatureRequiredException"/> like <see cref="RecordAndResolveAsync"/>, and
    /// <see cref="DomainException"/> when someone else resolved it first.
    /// </summary>
    public async Task ResolveAsync(string trackingCode, GrantedResolution granted, StaffMember staff, CancellationToken cancellationToken, StaffMember? coSigner = null, LetterContext? letter = null)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(staff);
        var now = time.GetUtcNow().UtcDateTime;
        await using var turn = await gate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var complaint = await db.Complaints.Include(c => c.Customer).SingleAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        var resolution = Resolution.Grant(granted.Type, granted.Amount, granted.RefundMethod, granted.Note, staff, now, coSigner);
        complaint.Resolve(resolution, staff, policy.Value.CoSign, now);
        db.RootCauseQueue.Add(RootCauseQueueItem.For(complaint, now));
        Owe(MailKind.Resolved, complaint, complaint.Customer, letter, now);
        audit.Record(AuditAction.ComplaintResolved, nameof(Complaint), trackingCode, $"{granted.Type} {granted.Amount}".Trim());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Complaint {TrackingCode} resolved from the inbox with {ResolutionType} by {StaffId}", trackingCode, granted.Type, staff.Id);
    }

    /// <summary>The letter to the customer goes in the same transaction, so it is sent even if the process dies right after.</summary>
    private void Owe(MailKind kind, Complaint complaint, Customer? customer, LetterContext? letter, DateTime now)
    {
        if (letter is not null && customer?.Email is not null)
        {
            outbox.Owe(kind, complaint, letter, now);
        }
    }

    private async Task<Customer> FindOrCreateCustomerAsync(CustomerContact contact, int? customerId, DateTime now, CancellationToken cancellationToken)
    {
        var customer = customerId is { } id
            ? await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await FindCustomerAsync(contact, cancellationToken);
        if (customer is null)
        {
            customer = Customer.Create(contact.Name, contact.Email, contact.Phone, contact.Postcode, now);
            db.Customers.Add(customer);
        }
        else
        {
            customer.UpdateContactDetails(contact.Name, contact.Email, contact.Phone, contact.Postcode);
        }

        return customer;
    }

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
            if (!await db.Complaints.AnyAsync(c => c.TrackingCode == code.Value, cancellationToken))
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

    private async Task<string?> FindBySubmissionAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Complaints.AsNoTracking()
            .Where(c => c.SubmissionId == submissionId)
            .Select(c => c.TrackingCode)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A returning customer is recognised by e-mail address first, then by phone number.</summary>
    private async Task<Customer?> FindCustomerAsync(CustomerContact contact, CancellationToken cancellationToken)
    {
        if (Customer.NormalizeEmail(contact.Email) is { } email)
        {
            var byEmail = await db.Customers.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.Email == email, cancellationToken);
            if (byEmail is not null)
            {
                return byEmail;
            }
        }

        if (Customer.NormalizePhone(contact.Phone) is { } phone)
        {
            return await db.Customers.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.Phone == phone, cancellationToken);
        }

        return null;
    }
}

/// <summary>Draws new tracking codes; tests replace it to force a collision.</summary>
public class TrackingCodeSource
{
    public virtual TrackingCode Next() => TrackingCode.New();
}
