using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Mail;

public sealed class MailOutboxOptions
{
    public const string Section = "MailOutbox";

    /// <summary>Whether this instance runs the background worker. Every instance may; claims keep them apart.</summary>
    public bool WorkerEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claim holds before another instance may send the letter instead.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed attempt; it doubles with every further failure, up to six hours.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After this many failed attempts a letter is left for a person to look at. With the defaults the waits are
    /// 1, 2, 4 … 256 minutes, then 6 hours: the sixteenth attempt comes about 44 hours after the first.
    /// </summary>
    public int MaxAttempts { get; set; } = 16;

    public int BatchSize { get; set; } = 20;
}

/// <summary>
/// Sends the letters owed to customers (<see cref="OutgoingMail"/>). The step that owed the customer's own letter
/// sends it once its write committed (<see cref="StepEffects"/>); the worker sends what is left (after a crash, or while the mail
/// server was away) with <see cref="ProcessPendingAsync"/>. Like the root-cause queue, a letter is claimed by a
/// conditional UPDATE with a lease, so several instances never send the same letter twice at once.
/// </summary>
public sealed class MailOutbox(
    AppDbContext db,
    Mailer mailer,
    CustomerLetters letters,
    TimeProvider time,
    IOptions<MailOutboxOptions> options,
    WriteGate gate,
    IOptionsMonitor<MailOptions> mail,
    Hosting.WorkSignal<MailOutbox> signal,
    ILogger<MailOutbox> logger)
{
    private readonly MailOutboxOptions _options = options.Value;

    /// <summary>Who holds a claim: unique per outbox, so a lost lease is noticed.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Adds the customer's own letter to the caller's unit of work, so it commits with what it confirms, and declares
    /// on <paramref name="effects"/> that it is sent once the write committed. It is claimed by this outbox from the
    /// start: the request sends it without another write to claim it, and if the process dies first, the worker of
    /// any instance sends it once the lease has run out.
    /// </summary>
    public void Owe(StepEffects effects, MailKind kind, Domain.Complaint complaint, LetterContext letter, DateTime now, int? messageId = null, string? emailMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var owed = OutgoingMail.For(kind, complaint, letter, now, Owner, now + _options.LeaseDuration, emailMessageId ?? MailAddresses.NewMessageId(mail.CurrentValue.FromAddress), messageId);
        db.OutgoingMails.Add(owed);
        effects.Letter(async ct => await SendAsync(owed, ct) != false);
    }

    /// <summary>
    /// Adds letters owed in bulk to the caller's unit of work, for the outbox's worker: a manager's step that tells two
    /// hundred customers answers at once, and the worker — woken once the write committed — sends them (issue 42).
    /// </summary>
    public void OweLater(StepEffects effects, MailKind kind, IReadOnlyCollection<Domain.Complaint> complaints, LetterContext letter, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(complaints);
        foreach (var complaint in complaints)
        {
            db.OutgoingMails.Add(OutgoingMail.ForWorker(kind, complaint, letter, now, MailAddresses.NewMessageId(mail.CurrentValue.FromAddress)));
        }

        effects.ForWorker(complaints.Count, signal.Raise);
    }

    /// <summary>
    /// A repeated submission (a double click, a retry after a lost answer) sends what the first one left of the
    /// customer's letter: null when there is nothing for this request to send (none owed, already sent, or held by
    /// the first request's lease), true when it went out now, false when it failed: the worker tries again later.
    /// </summary>
    public async Task<bool?> SendLeftOverAsync(string trackingCode, CancellationToken cancellationToken)
    {
        var left = await db.OutgoingMails.AsNoTracking()
            .Where(m => m.Complaint!.TrackingCode == Domain.TrackingCode.Parse(trackingCode) && m.SentAt == null)
            .ToListAsync(cancellationToken);
        var claimed = left.Count == 0 ? [] : await ClaimAsync(left, cancellationToken);
        return claimed.Count == 0 ? null : await SendAllAsync(claimed, cancellationToken);
    }

    /// <summary>The letters the outbox gave up on after every attempt: for a person to deliver another way.</summary>
    public IQueryable<OutgoingMail> GivenUp() =>
        db.OutgoingMails.AsNoTracking().Where(m => m.SentAt == null && m.Attempts >= _options.MaxAttempts);

    /// <summary>How long a letter may wait before the desk, the administrators and /health are told.</summary>
    public static readonly TimeSpan WaitingTooLong = TimeSpan.FromMinutes(15);

    /// <summary>Letters still trying, owed for longer than <see cref="WaitingTooLong"/>, to whom (at most five names) and since when.</summary>
    public sealed record Waiting(int Count, DateTime? Since, IReadOnlyList<string> Customers);

    /// <summary>
    /// The letters that wait too long (the SMTP server down, a token refused): still trying, not given up, older than
    /// <see cref="WaitingTooLong"/>, with the customers not yet reached, so the desk can call them.
    /// </summary>
    public async Task<Waiting> WaitingAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - WaitingTooLong;
        var waiting = db.OutgoingMails.AsNoTracking().Where(m => m.SentAt == null && m.Attempts < _options.MaxAttempts && m.CreatedAt < before);
        var count = await waiting.CountAsync(cancellationToken);
        if (count == 0)
        {
            return new Waiting(0, null, []);
        }

        var since = await waiting.MinAsync(m => m.CreatedAt, cancellationToken);
        var names = await waiting.OrderBy(m => m.CreatedAt).Select(m => m.Complaint!.Customer!.Name).Distinct().Take(5).ToListAsync(cancellationToken);
        return new Waiting(count, since, names);
    }

    /// <summary>Whether the outbox gave up on this letter: the same rule as <see cref="GivenUp"/>, for one letter in hand.</summary>
    public bool HasGivenUp(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return mail.SentAt is null && mail.Attempts >= _options.MaxAttempts;
    }

    /// <summary>The letters about one complaint, oldest first, for the desk.</summary>
    public async Task<IReadOnlyList<OutgoingMail>> AboutAsync(int complaintId, CancellationToken cancellationToken) =>
        await db.OutgoingMails.AsNoTracking().Where(m => m.ComplaintId == complaintId).OrderBy(m => m.Id).ToListAsync(cancellationToken);

    /// <summary>Sends every letter that is due, until none is left to claim. Returns how many went out.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        for (var round = 0; round < 100; round++)
        {
            var now = Now();
            var due = await db.OutgoingMails.AsNoTracking()
                .Where(m => m.SentAt == null && m.AvailableAt <= now && m.Attempts < _options.MaxAttempts)
                .OrderBy(m => m.Id)
                .Take(_options.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var mail in await ClaimAsync(due, cancellationToken))
            {
                if (await SendAsync(mail, cancellationToken) == true)
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// "Send now" on /Admin/Connections, once the mail server works again: letters waiting out a back-off after a
    /// failure (held by nobody: a failure lets go of the lease) are due at once, and then every due letter goes.
    /// A letter someone is sending holds a lease and is left alone. Returns how many went out and how many still wait.
    /// </summary>
    public async Task<(int Sent, int Waiting)> SendWaitingNowAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        await using (await gate.EnterAsync(db, cancellationToken))
        {
            await db.OutgoingMails
                .Where(m => m.SentAt == null && m.Attempts < _options.MaxAttempts && m.LeaseOwner == null && m.AvailableAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.AvailableAt, now), cancellationToken);
        }

        var sent = await ProcessPendingAsync(cancellationToken);
        return (sent, await db.OutgoingMails.CountAsync(m => m.SentAt == null && m.Attempts < _options.MaxAttempts, cancellationToken));
    }

    private async Task<bool?> SendAllAsync(List<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        var allSent = true;
        foreach (var mail in mails)
        {
            allSent &= await SendAsync(mail, cancellationToken) != false;
        }

        return allSent;
    }

    /// <summary>Claims, in one conditional UPDATE, those letters that are still owed and not held by a live lease; returns the ones now ours.</summary>
    private async Task<List<OutgoingMail>> ClaimAsync(List<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        var now = Now();
        var leaseUntil = now + _options.LeaseDuration;
        var ids = mails.Select(m => m.Id).ToList();
        await using (await gate.EnterAsync(db, cancellationToken))
        {
            await db.OutgoingMails
                .Where(m => ids.Contains(m.Id) && m.SentAt == null && m.AvailableAt <= now && m.Attempts < _options.MaxAttempts)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.LeaseOwner, Owner)
                        .SetProperty(m => m.AvailableAt, leaseUntil)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                    cancellationToken);
        }

        var ours = await db.OutgoingMails.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.SentAt == null && m.LeaseOwner == Owner && m.AvailableAt == leaseUntil)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        return [.. mails.Where(m => ours.Contains(m.Id)).Select(m => m.Claimed(Owner, leaseUntil))];
    }

    /// <summary>Writes and sends one claimed letter and records the outcome. Null when there was nothing to write.</summary>
    private async Task<bool?> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var letter = await letters.WriteAsync(mail, cancellationToken);
        var sent = letter is null || await mailer.SendAsync(letter, cancellationToken);
        var now = Now();
        var id = mail.Id;
        await using var turn = await gate.EnterAsync(db, cancellationToken);
        if (sent)
        {
            await db.OutgoingMails
                .Where(m => m.Id == id && m.LeaseOwner == Owner)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LastError, letter == null ? OutgoingMail.NothingToSend : null), cancellationToken);
            mail.MarkSent(now);
            return letter is null ? null : true;
        }

        var wait = Hosting.Backoff.After(mail.Attempts, _options.FirstRetryAfter);
        await db.OutgoingMails
            .Where(m => m.Id == id && m.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AvailableAt, now + wait).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LastError, "The mail server did not take the letter"), cancellationToken);
        if (HasGivenUp(mail))
        {
            logger.LogError("Gave up on e-mail {MailId} ({Kind}) after {Attempts} attempts", id, mail.Kind, mail.Attempts);
        }
        else
        {
            logger.LogWarning("E-mail {MailId} ({Kind}) not sent; trying again after {Wait}", id, mail.Kind, wait);
        }

        return false;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

/// <summary>/health says Degraded while letters wait longer than <see cref="MailOutbox.WaitingTooLong"/> to go out.</summary>
public sealed class LettersWaitingHealthCheck(AppDbContext db, TimeProvider time, IOptions<MailOutboxOptions> options) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow().UtcDateTime - MailOutbox.WaitingTooLong;
        var maxAttempts = options.Value.MaxAttempts;
        var waiting = await db.OutgoingMails.AsNoTracking().CountAsync(m => m.SentAt == null && m.Attempts < maxAttempts && m.CreatedAt < before, cancellationToken);
        return waiting == 0
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded($"{waiting} letter(s) wait longer than {MailOutbox.WaitingTooLong.TotalMinutes} minutes to be sent.");
    }
}
