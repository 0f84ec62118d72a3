using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Complaints;

/// <summary>
/// Complaints that arrive without the desk (the customer's own online form, an integration, the mailbox): recorded
/// and confirmed at once, unresolved, with a customer of their own until the desk links a known one.
/// </summary>
public sealed partial class ComplaintDesk
{
    /// <summary>
    /// Adds a received complaint, its promised date, its owed confirmation and its webhook event to the caller's unit
    /// of work: <see cref="ReceiveAsync"/> writes it alone, the mailbox's import together with the e-mail it came in
    /// (<see cref="Conversations.ConversationDesk.ImportEmailAsync"/>).
    /// </summary>
    internal async Task<Complaint> ReceiveIntoAsync(StepEffects effects, Receive command, DateTime now, CancellationToken cancellationToken)
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
        Owe(effects, MailKind.Received, complaint, customer, command.Letter, now);
        await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.ComplaintReceived, complaint, cancellationToken);
        effects.Record(() =>
        {
            metrics.Recorded(details.Channel);
            logger.LogInformation("Complaint {TrackingCode} received through channel {Channel}", complaint.TrackingCode, details.Channel);
        });
        return complaint;
    }


    /// <summary>
    /// A complaint received without resolution (a customer's own online complaint, or one from an integration):
    /// recorded and confirmed at once, not yet resolved. It waits in
    /// the desk's web inbox, where the desk resolves it with <see cref="ResolveAsync"/>. The sender is not signed
    /// in and may claim to be anyone, so an existing customer is never changed: the complaint gets a customer
    /// record of its own, and the desk links it to a known customer with one click (<see cref="LinkToCustomerAsync"/>).
    /// </summary>
    public async Task<Outcome> ReceiveAsync(Receive command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (submissionId, client, letter) = (command.SubmissionId, command.Client, command.Letter);
        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        if (await FindBySubmissionAsync(submissionId, client, cancellationToken) is { } earlier)
        {
            return await AlreadyRecordedAsync(earlier, letter, cancellationToken);
        }

        try
        {
            return await gate.StepAsync(
                db,
                async effects =>
                {
                    var complaint = await ReceiveIntoAsync(effects, command, time.GetUtcNow().UtcDateTime, cancellationToken);
                    return Outcome.Done(new RecordedComplaint(complaint.TrackingCode.Value, AlreadyRecorded: false));
                },
                cancellationToken);
        }
        catch (DbUpdateException)
        {
            var concurrent = await FindBySubmissionAsync(submissionId, client, CancellationToken.None);
            if (concurrent is null)
            {
                throw;
            }

            return await AlreadyRecordedAsync(concurrent, letter, cancellationToken);
        }
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
    public async Task<Outcome> LinkToCustomerAsync(string trackingCode, int customerId, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var now = time.GetUtcNow().UtcDateTime;
        return await gate.StepAsync(db, async effects =>
        {
            var complaint = await db.Complaints.Include(c => c.Customer).SingleOrDefaultAsync(c => c.TrackingCode == Domain.TrackingCode.Parse(trackingCode), cancellationToken);
            var known = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId && c.AnonymisedAt == null, cancellationToken);
            if (complaint is null || known is null)
            {
                return Outcome.NotFound;
            }

            var provisional = complaint.Customer!;
            // The record made for this complaint goes when nothing else refers to it.
            var alone = !await db.Complaints.AnyAsync(c => c.CustomerId == provisional.Id && c.Id != complaint.Id, cancellationToken);
            complaint.MoveToCustomer(known, staff, now);
            if (alone && provisional.Id != known.Id)
            {
                db.Customers.Remove(provisional);
            }

            audit.Record(AuditAction.ComplaintLinkedToCustomer, nameof(Complaint), trackingCode, known.CustomerNumber);
            effects.Record(() => logger.LogInformation("Complaint {TrackingCode} linked to customer {CustomerId} by {StaffId}", trackingCode, customerId, staff.Id));
            return Outcome.Done(known.Id);
        },
        cancellationToken);
    }
}
