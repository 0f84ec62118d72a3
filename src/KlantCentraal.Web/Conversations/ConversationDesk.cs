using System.Security.Cryptography;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Conversations;

/// <summary>A complaint's conversation as a page shows it: the messages, each with its attachments (without bytes).</summary>
public sealed record ConversationView(IReadOnlyList<ComplaintMessage> Messages, ILookup<int, AttachmentInfo> Attachments);

/// <summary>
/// The conversation about a complaint: the desk answers, the customer writes back (status page, e-mail, API) with
/// photos. Each step is one transaction with the letter it owes (through the outbox), and the desk's inbox hears
/// of a customer's message at once (<see cref="InboxNotifier"/>).
/// </summary>
public sealed class ConversationDesk(
    AppDbContext db,
    TimeProvider time,
    WriteGate gate,
    Complaints.ComplaintDesk complaints,
    MailOutbox outbox,
    AuditLog audit,
    PublicLinks links,
    InboxNotifier inbox,
    Deadlines deadlines,
    Webhooks.Webhooks webhooks,
    IOptionsMonitor<MailOptions> mail,
    Hosting.AppMetrics metrics,
    ILogger<ConversationDesk> logger)
{
    /// <summary>The desk answers: stored, put on the timeline, and e-mailed to the customer (in their language) with a Message-ID for threading.</summary>
    public Task<Outcome> ReplyAsync(string trackingCode, string body, IReadOnlyList<CheckedFile> files, StaffMember staff, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(files);
        var now = time.GetUtcNow().UtcDateTime;
        return StepAsync(async effects =>
        {
            var complaint = await FindAsync(trackingCode, cancellationToken);
            if (complaint is null)
            {
                return Outcome.NotFound;
            }

            var message = complaint.Reply(body, staff, now, MailAddresses.NewMessageId(mail.CurrentValue.FromAddress));
            foreach (var file in files)
            {
                db.Attachments.Add(MessageAttachment.For(message, complaint.Id, file, now));
            }

            audit.Record(AuditAction.ReplySent, nameof(Complaint), trackingCode, null);
            await SaveForTheIdAsync(cancellationToken);
            if (complaint.Customer?.Email is not null)
            {
                outbox.Owe(effects, MailKind.Reply, complaint, links.Letter() with { Culture = culture }, now, message.Id, message.EmailMessageId);
            }

            inbox.Changed(effects, complaint.StoreId);
            effects.Record(() => logger.LogInformation("Reply on complaint {TrackingCode} by {StaffId}", trackingCode, staff.Id));
            return Outcome.Done(message.Id);
        },
        cancellationToken);
    }

    /// <summary>
    /// The customer writes, with the files already checked by <see cref="AttachmentRules"/>: the message, its
    /// attachments and (with <paramref name="confirm"/>) the confirmation letter commit together.
    /// </summary>
    public Task<Outcome> ReceiveAsync(string trackingCode, string body, IReadOnlyList<CheckedFile> files, MessageChannel channel, string? emailMessageId, LetterContext? confirm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var now = time.GetUtcNow().UtcDateTime;
        return StepAsync(async effects =>
        {
            var complaint = await FindAsync(trackingCode, cancellationToken);
            if (complaint is null)
            {
                return Outcome.NotFound;
            }

            var message = await ReceiveAsync(complaint, body, files, channel, emailMessageId, now, cancellationToken);
            await SaveForTheIdAsync(cancellationToken);
            if (confirm is not null && complaint.Customer?.Email is not null)
            {
                outbox.Owe(effects, MailKind.MessageReceived, complaint, confirm, now, message.Id);
            }

            inbox.Changed(effects, complaint.StoreId);
            effects.Record(() => logger.LogInformation("Message from the customer on complaint {TrackingCode} through {Channel} with {Files} file(s)", trackingCode, channel, files.Count));
            return Outcome.Done(message.Id);
        },
        cancellationToken);
    }

    /// <summary>One message in one step; a rule that says no (<see cref="ComplaintMessage.ProblemWith"/>) comes back as <see cref="OutcomeKind.Refused"/>.</summary>
    private async Task<Outcome> StepAsync(Func<StepEffects, Task<Outcome>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.StepAsync(db, work, cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal);
        }
    }

    private Task<Complaint?> FindAsync(string trackingCode, CancellationToken cancellationToken) =>
        Domain.TrackingCode.TryParse(trackingCode, out var code)
            ? db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken)
            : Task.FromResult<Complaint?>(null);

    /// <summary>
    /// An e-mail, read by <see cref="InboundMessageReader"/>, imported exactly once in one step with its key in
    /// <see cref="InboundEmail"/>: asked once, inside the write, whether it was imported before (then
    /// <see cref="OutcomeKind.Unchanged"/>, nothing stored). A message on the complaint it answers — only when it comes
    /// from that complaint's own customer's address and our mail server vouches for it (ADR 0015) — else a new
    /// complaint with the e-mail as its first message; a bounce marks the letter it returns; automatic mail is only
    /// noted. Done names the complaint (0 for a bounce or automatic mail). Serializable, so two instances reading the
    /// same e-mail cannot both import it; SQLite processes meet at the unique key instead.
    /// </summary>
    public async Task<Outcome> ImportEmailAsync(InboundMessage email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            return await gate.StepAsync(
                db,
                async effects =>
                {
                    if (await ImportedBeforeAsync(email.Key, cancellationToken))
                    {
                        return Outcome.Unchanged;
                    }

                    var imported = await ImportAsync(effects, email, now, cancellationToken);
                    if (imported.Outcome is InboundOutcome.NewComplaint or InboundOutcome.MessageOnComplaint)
                    {
                        inbox.Changed(effects, imported.StoreId);
                    }

                    effects.Record(() =>
                    {
                        metrics.InboundEmail(imported.Outcome);
                        logger.LogInformation("E-mail {Key}: {Outcome} {TrackingCode}", email.Key, imported.Outcome, imported.TrackingCode);
                    });
                    return Outcome.Done(imported.ComplaintId ?? 0);
                },
                cancellationToken,
                serializable: true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await ImportedBeforeAsync(email.Key, CancellationToken.None))
            {
                return Outcome.Unchanged; // another process on the same SQLite file imported it first
            }

            throw;
        }
    }

    /// <summary>Imported once, ever: also when its customer was erased since (the key is then kept only as its hash).</summary>
    private Task<bool> ImportedBeforeAsync(string key, CancellationToken cancellationToken)
    {
        var erased = InboundEmail.ErasedKey(key);
        return db.InboundEmails.AnyAsync(e => e.Key == key || e.Key == erased, cancellationToken);
    }

    private sealed record Imported(InboundOutcome Outcome, string? TrackingCode = null, int? StoreId = null, int? ComplaintId = null);

    private async Task<Imported> ImportAsync(StepEffects effects, InboundMessage email, DateTime now, CancellationToken cancellationToken)
    {
        if (email.Kind == InboundKind.Bounce)
        {
            var letter = email.Returned.Count == 0 ? null : await db.OutgoingMails.FirstOrDefaultAsync(m => email.Returned.Contains(m.EmailMessageId!), cancellationToken);
            letter?.MarkBounced(now);
            db.InboundEmails.Add(new InboundEmail { Key = email.Key, Outcome = InboundOutcome.Bounce, ComplaintId = letter?.ComplaintId, ReceivedAt = now });
            return new(InboundOutcome.Bounce);
        }

        if (email.Kind == InboundKind.Automatic)
        {
            db.InboundEmails.Add(new InboundEmail { Key = email.Key, Outcome = InboundOutcome.Ignored, ReceivedAt = now });
            return new(InboundOutcome.Ignored);
        }

        var complaint = await AnsweredComplaintAsync(email.Answers, cancellationToken)
            ?? (email.NamedCode is { } named ? await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == named, cancellationToken) : null);
        var outcome = InboundOutcome.MessageOnComplaint;
        if (complaint is null || !string.Equals(complaint.Customer?.Email, email.Sender, StringComparison.Ordinal) || !email.SenderVerified)
        {
            // A new complaint — also when the e-mail names someone else's code: never attached to another customer's complaint.
            var mentions = (complaint?.TrackingCode ?? email.NamedCode)?.Display;
            var description = (mentions is null ? string.Empty : $"[noemt volgcode {mentions}] ") + $"{email.Subject}\n\n{email.Body}";
            var contact = new CustomerContact(email.SenderName, MailAddresses.IsDeliverable(email.Sender) ? email.Sender : null, null, null);
            var details = ComplaintDetails.FromEmail(email.Subject, description);
            var submission = new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("email:" + email.Key))[..16]);
            outcome = InboundOutcome.NewComplaint;
            // Recorded from this e-mail before without its key (the two-step import of earlier versions, cut off by a
            // crash): that complaint gets its message now, and no second one is made.
            complaint = await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.SubmissionId == submission && c.SubmittedBy == "email", cancellationToken);
            if (complaint is not null && !string.Equals(complaint.Customer?.Email, email.Sender, StringComparison.Ordinal))
            {
                // Someone else's Message-ID from another address: never a message on another customer's complaint.
                logger.LogWarning("E-mail {Key} reuses the Message-ID of another sender's e-mail; not imported", email.Key);
                db.InboundEmails.Add(new InboundEmail { Key = email.Key, Outcome = InboundOutcome.Ignored, ReceivedAt = now });
                return new(InboundOutcome.Ignored);
            }

            if (complaint is null)
            {
                complaint = await complaints.ReceiveIntoAsync(effects, new Receive(submission, "email", contact, details) { Letter = contact.Email is null ? null : links.Letter() with { Culture = "nl-NL" } }, now, cancellationToken);
                await SaveForTheIdAsync(cancellationToken);
            }
        }

        await ReceiveAsync(complaint, email.Body, email.Files, MessageChannel.Email, email.MessageId, now, cancellationToken);
        db.InboundEmails.Add(new InboundEmail { Key = email.Key, Outcome = outcome, ComplaintId = complaint.Id, ReceivedAt = now });
        return new(outcome, complaint.TrackingCode.Value, complaint.StoreId, complaint.Id);
    }

    /// <summary>The complaint whose letter an e-mail answers (In-Reply-To or References name one of our Message-IDs).</summary>
    private async Task<Complaint?> AnsweredComplaintAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return null;
        }

        var complaintId = await db.OutgoingMails.Where(m => ids.Contains(m.EmailMessageId!)).Select(m => (int?)m.ComplaintId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Messages.Where(m => ids.Contains(m.EmailMessageId!)).Select(m => (int?)m.ComplaintId).FirstOrDefaultAsync(cancellationToken);
        return complaintId is { } id ? await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
    }

    /// <summary>
    /// Stores what the write holds so far, inside its transaction: a letter about a message names the message, and an
    /// imported e-mail its new complaint, by the id the database gives it (neither has a navigation to follow).
    /// </summary>
    private Task<int> SaveForTheIdAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Adds a customer's message and its files to a complaint in the caller's unit of work; a stopped promise clock runs again on the store's calendar.</summary>
    private async Task<ComplaintMessage> ReceiveAsync(Complaint complaint, string body, IReadOnlyList<CheckedFile> files, MessageChannel channel, string? emailMessageId, DateTime now, CancellationToken cancellationToken)
    {
        // A message of photos only keeps an empty text: no stored Dutch placeholder that an English screen would show.
        var message = complaint.ReceiveMessage(body, channel, now, await deadlines.ClockAsync(complaint.StoreId, cancellationToken), emailMessageId);
        await webhooks.RaiseForComplaintAsync(Webhooks.WebhookEvents.MessageReceived, complaint, cancellationToken);
        foreach (var file in files)
        {
            db.Attachments.Add(MessageAttachment.For(message, complaint.Id, file, now));
        }

        return message;
    }

    // Compiled: the customer's status page reads the conversation on every visit (docs/performance.md).
    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<ComplaintMessage>>> MessagesOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int complaintId) => db.Messages.AsNoTracking().Where(m => m.ComplaintId == complaintId).OrderBy(m => m.At).ThenBy(m => m.Id).AsQueryable()));

    public async Task<ConversationView> ReadAsync(int complaintId, CancellationToken cancellationToken)
    {
        var messages = new List<ComplaintMessage>();
        await foreach (var message in MessagesOf.For(db)(db, complaintId).WithCancellation(cancellationToken))
        {
            messages.Add(message);
        }

        if (messages.Count == 0)
        {
            return new ConversationView(messages, Array.Empty<AttachmentInfo>().ToLookup(a => a.MessageId)); // most complaints: no second query
        }

        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.ComplaintId == complaintId)
            .OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.MessageId, a.FileName, a.ContentType, a.Length, a.Thumbnail != null))
            .ToListAsync(cancellationToken);
        return new ConversationView(messages, attachments.ToLookup(a => a.MessageId));
    }
}
