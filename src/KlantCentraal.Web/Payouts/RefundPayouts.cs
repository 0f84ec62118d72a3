using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Payouts;

/// <summary>Finance marks a refund paid: which complaint, on which day, with which reference, by whom.</summary>
public sealed record MarkRefundPaid(string TrackingCode, DateOnly PaidOn, string? Reference, StaffMember By);

/// <summary>
/// Finance's steps on the refunds the desk granted to be paid out later — by bank transfer or back through the original
/// payment method (issue 43). Each is one step with its audit entry and a timeline event the customer's status page
/// reads ("Overgemaakt op …"), a letter to the customer (in the language they were written to before) and the
/// <c>refund.paid</c> webhook; the rules live in the domain (<see cref="Complaint.MarkRefundPaid"/>).
/// </summary>
public sealed class RefundPayouts(
    AppDbContext db,
    WriteGate gate,
    AuditLog audit,
    TimeProvider time,
    Organisation.Deadlines deadlines,
    Mail.MailOutbox outbox,
    Webhooks.Webhooks webhooks,
    Organisation.PublicLinks links,
    ILogger<RefundPayouts> logger)
{
    /// <summary>
    /// Marks the refund paid: Done with the complaint's id; NotFound for an unknown code; Refused when it is not owed
    /// (paid before, paid at the counter, no refund), the day lies outside grant..today, or the reference is missing;
    /// Conflict when someone else changed the complaint at the same moment (the complaint's version guards it).
    /// </summary>
    public async Task<Outcome> MarkPaidAsync(MarkRefundPaid command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Domain.TrackingCode.TryParse(command.TrackingCode, out var code))
        {
            return Outcome.NotFound;
        }

        try
        {
            return await gate.StepAsync(
                db,
                async effects =>
                {
                    var complaint = await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
                    if (complaint is null)
                    {
                        return Outcome.NotFound;
                    }

                    var now = time.GetUtcNow().UtcDateTime;
                    var today = deadlines.DayOf(now);
                    complaint.MarkRefundPaid(command.PaidOn, command.Reference, complaint.Resolution is { } granted ? deadlines.DayOf(granted.GrantedAt) : today, today, command.By, now);
                    audit.Record(AuditAction.RefundPaid, nameof(Complaint), complaint.TrackingCode.Value, $"{command.PaidOn:yyyy-MM-dd} {complaint.Resolution!.PaymentReference}");
                    if (complaint.Customer?.Email is not null)
                    {
                        var culture = await db.OutgoingMails.Where(m => m.ComplaintId == complaint.Id).OrderByDescending(m => m.Id).Select(m => m.Culture).FirstOrDefaultAsync(cancellationToken);
                        outbox.Owe(effects, Mail.MailKind.RefundPaid, complaint, links.Letter() with { Culture = culture ?? "nl-NL" }, now);
                    }

                    await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.RefundPaid, complaint, cancellationToken);
                    effects.Record(() => logger.LogInformation("Refund of complaint {TrackingCode} marked paid on {PaidOn} by {StaffId}", complaint.TrackingCode, command.PaidOn, command.By.Id));
                    return Outcome.Done(complaint.Id);
                },
                cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else marked it (or changed the complaint) between our read and our save: nothing stored twice.
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
    }
}
