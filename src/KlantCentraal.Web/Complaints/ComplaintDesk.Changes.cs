using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Complaints;

/// <summary>What changes a complaint after it was recorded: a longer promise, the customer's score, a correction, another store.</summary>
public sealed partial class ComplaintDesk
{
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
            return await gate.StepAsync(db, async effects =>
            {
                var complaint = await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
                if (complaint is null)
                {
                    return Outcome.NotFound;
                }

                complaint.ExtendPromise(to, reason, by, now);
                // In the language the customer was written to before, not the desk employee's screen language.
                var culture = await db.OutgoingMails.Where(m => m.ComplaintId == complaint.Id).OrderByDescending(m => m.Id).Select(m => m.Culture).FirstOrDefaultAsync(cancellationToken);
                Owe(effects, MailKind.Extended, complaint, complaint.Customer, letter is null || culture is null ? letter : letter with { Culture = culture }, now);
                effects.Record(() => logger.LogInformation("Complaint {TrackingCode}: promise extended to {Date}", complaint.TrackingCode, to));
                return Outcome.Done();
            }, cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal);
        }
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
            return await gate.StepAsync(db, async _ =>
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
            return await gate.StepAsync(db, async _ =>
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

        return gate.StepAsync(db, async _ =>
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
}
