using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Privacy;

/// <summary>How long personal data is kept (AVG/GDPR). Configuration: <c>Privacy:*</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>Personal data is removed this many years after the customer's last complaint was closed.</summary>
    public int PersonalDataYearsAfterClosure { get; set; } = 2;

    /// <summary>Refund records are kept this long for the books (amounts and dates, no personal data).</summary>
    public int RefundRecordYears { get; set; } = 7;

    public bool JobEnabled { get; set; } = true;

    public TimeSpan JobInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Applies the retention periods: anonymises customers whose last complaint closed longer ago than the
/// personal-data period, and removes the resolution notes of complaints older than the bookkeeping period.
/// Product, category, cause, amounts, dates and scores stay, so every statistic stays right.
/// </summary>
public sealed class RetentionProcessor(AppDbContext db, WriteGate gate, TimeProvider time, IOptions<RetentionOptions> options, AuditLog audit, Mailer mailer, Webhooks.Webhooks webhooks, ILogger<RetentionProcessor> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var personalLimit = now.AddYears(-options.Value.PersonalDataYearsAfterClosure);
        var bookkeepingLimit = now.AddYears(-options.Value.RefundRecordYears);

        // Customers with no open complaint whose last closure lies before the limit.
        var expired = await db.Customers
            .Where(c => c.AnonymisedAt == null)
            .Where(c => !db.Complaints.Any(x => x.CustomerId == c.Id && x.Status != ComplaintStatus.Closed))
            .Where(c => db.Complaints.Any(x => x.CustomerId == c.Id))
            .Where(c => db.Complaints.Where(x => x.CustomerId == c.Id).Max(x => x.ClosedAt) < personalLimit)
            .Select(c => c.Id)
            .Order()
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            await EraseOneAsync(id, now, cancellationToken);
        }

        var oldNotes = 0;
        await gate.StepAsync(
            db,
            async _ =>
            {
                var notes = await db.Complaints
                    .Where(c => c.ReceivedAt < bookkeepingLimit && c.Resolution!.Note != null && c.Resolution.Note != Complaint.RemovedText)
                    .OrderBy(c => c.Id)
                    .Take(1000)
                    .ToListAsync(cancellationToken);
                foreach (var complaint in notes)
                {
                    complaint.RemoveResolutionNote();
                }

                oldNotes = notes.Count;
                return Outcome.Done();
            },
            cancellationToken);
        if (expired.Count > 0)
        {
            await ForgetOldPagesAsync(cancellationToken);
        }

        var letters = mailer.DeletePickedUpLettersBefore(now);
        if (expired.Count > 0 || oldNotes > 0 || letters > 0)
        {
            logger.LogInformation("Retention: {Customers} customer(s) anonymised, {Notes} old resolution note(s) removed, {Letters} old letter(s) deleted from the pickup folder", expired.Count, oldNotes, letters);
        }

        return expired.Count;
    }

    /// <summary>
    /// The e-mails of erased customers that the mailbox must still delete from the mail server's processed folder
    /// (issue 26, finding 4): the mailbox finds them by their Message-ID, deletes them, then calls
    /// <see cref="EmailsDeletedFromServerAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<Conversations.InboundEmail>> EmailsToDeleteFromServerAsync(CancellationToken cancellationToken) =>
        await db.InboundEmails.AsNoTracking().Where(e => e.EraseRequestedAt != null && !e.Key.StartsWith(Conversations.InboundEmail.ErasedPrefix)).ToListAsync(cancellationToken);

    /// <summary>
    /// Once the mailbox deleted them from the server, only a hash of each e-mail's key stays (still enough to never
    /// import it twice): the privacy write is this service's, the mailbox only moves mail (issue 42).
    /// </summary>
    public Task<Outcome> EmailsDeletedFromServerAsync(IReadOnlyCollection<int> inboundEmailIds, CancellationToken cancellationToken) =>
        gate.StepAsync(
            db,
            async _ =>
            {
                var emails = await db.InboundEmails.Where(e => inboundEmailIds.Contains(e.Id) && !e.Key.StartsWith(Conversations.InboundEmail.ErasedPrefix)).ToListAsync(cancellationToken);
                foreach (var email in emails)
                {
                    email.Key = Conversations.InboundEmail.ErasedKey(email.Key);
                }

                return emails.Count == 0 ? Outcome.Unchanged : Outcome.Done();
            },
            cancellationToken);

    /// <summary>Erasure on request (AVG art. 17): the customer's personal data, at once and everywhere the app keeps it.</summary>
    public async Task<Outcome> EraseNowAsync(int customerId, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Outcome.NotFound;
        }

        await EraseOneAsync(customerId, time.GetUtcNow().UtcDateTime, cancellationToken);
        await ForgetOldPagesAsync(cancellationToken);
        return Outcome.Done(customerId);
    }

    /// <summary>
    /// Anonymises one customer and the personal parts of their complaints, deletes their attachments and marks their
    /// e-mails and the audit log's trust-flag reasons — all in one write: a failure half-way leaves everything as it
    /// was, never attachments gone and a customer not anonymised (issue 41/7). Their letters in the pickup folder are
    /// deleted once the write committed.
    /// </summary>
    private Task<Outcome> EraseOneAsync(int customerId, DateTime at, CancellationToken cancellationToken) =>
        gate.StepAsync(db, effects => EraseAsync(effects, customerId, at, cancellationToken), cancellationToken);

    /// <summary>The erasure's work inside the write; the customer's letters in the pickup folder go once it committed.</summary>
    private async Task<Outcome> EraseAsync(StepEffects effects, int customerId, DateTime at, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.Include(c => c.History).SingleAsync(c => c.Id == customerId, cancellationToken);
        var number = customer.CustomerNumber;
        var email = customer.Email;
        customer.Anonymise(at);
        var complaints = await db.Complaints.Include(c => c.Timeline).Include(c => c.Messages).AsSplitQuery().Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken);
        foreach (var complaint in complaints)
        {
            complaint.RemovePersonalData();
        }

        // Photos and PDFs the customer sent can show anything about them: they go entirely.
        var complaintIds = complaints.Select(c => c.Id).ToList();
        await db.Attachments.Where(a => complaintIds.Contains(a.ComplaintId)).ExecuteDeleteAsync(cancellationToken);

        // Their e-mails, kept in the mailbox's processed folder, are deleted from the mail server by the next mailbox round.
        await db.InboundEmails.Where(e => e.ComplaintId != null && complaintIds.Contains(e.ComplaintId.Value) && e.EraseRequestedAt == null)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.EraseRequestedAt, at), cancellationToken);

        // The audit log keeps that a trust flag was set or lifted, when and by whom, but not the written reason.
        await db.AuditEntries
            .Where(a => a.TargetType == nameof(Customer) && a.TargetId == number && a.Detail != null && a.Detail != Complaint.RemovedText
                && (a.Action == AuditAction.TrustFlagSet || a.Action == AuditAction.TrustFlagLifted))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Detail, Complaint.RemovedText), cancellationToken);
        audit.Record(AuditAction.CustomerErased, nameof(Customer), number, AuditNote.Erased, complaints.Count);
        // Other systems that copied the customer erase them too (issue 29): by number and tracking codes, nothing personal.
        await webhooks.RaiseAsync(Webhooks.WebhookEvents.CustomerErased, new { customerNumber = number, complaints = complaints.Select(c => c.TrackingCode.Display).ToArray() }, cancellationToken);
        if (email is not null)
        {
            effects.Notice(_ =>
            {
                mailer.DeletePickedUpLettersTo(email);
                return Task.CompletedTask;
            });
        }

        return Outcome.Done(customerId);
    }

    /// <summary>
    /// On SQLite, erased values must not linger in the file: deleted content is overwritten (secure_delete, see
    /// <see cref="SqliteConnectionSetup"/>) and the write-ahead log, which still holds the old pages, is emptied.
    /// </summary>
    private async Task ForgetOldPagesAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
