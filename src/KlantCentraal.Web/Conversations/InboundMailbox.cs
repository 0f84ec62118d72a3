using System.Security.Cryptography;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KlantCentraal.Web.Conversations;

/// <summary>The mailbox complaints are read from. Configuration: <c>InboundMail:*</c>; an empty host switches it off.</summary>
public sealed class InboundMailOptions
{
    public const string Section = "InboundMail";

    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public bool UseSsl { get; set; } = true;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Password (default) or OAuth2: the client-credentials token of <see cref="OAuth2"/>, by SASL XOAUTH2.</summary>
    public Mail.MailAuth Auth { get; set; } = Mail.MailAuth.Password;

    public Mail.MailOAuth2Options OAuth2 { get; set; } = new();

    public string Folder { get; set; } = "INBOX";

    public string ProcessedFolder { get; set; } = "Verwerkt";

    /// <summary>E-mails in the processed folder are deleted from the server after this many days (they are stored in the app).</summary>
    public int ProcessedRetentionDays { get; set; } = 30;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The authserv-id our own mail server writes in its Authentication-Results header (RFC 8601), e.g.
    /// <c>mx.klantcentraal.nl</c>. Only an aligned pass in that header, the topmost one, verifies a sender; without it
    /// no sender is verified, and an e-mail is never added to an existing conversation.
    /// </summary>
    public string? TrustedAuthServId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>How the mailbox is doing, for /health (Degraded, never Unhealthy) and the notice on the desk's start page.</summary>
public sealed class InboundMailStatus
{
    private readonly Lock _lock = new();

    public DateTime? LastSuccessAt { get; private set; }

    public DateTime? FailingSince { get; private set; }

    public string? LastError { get; private set; }

    public int Failures { get; private set; }

    /// <summary>After a failure the next attempt waits: 1, 2, 4 … up to 15 minutes.</summary>
    public DateTime NextAttemptAt { get; private set; }

    public bool IsFailing => FailingSince is not null;

    /// <summary>Whether the connection waits for new e-mail in IMAP IDLE (else the mailbox is polled).</summary>
    public bool Idle { get; private set; }

    public void Succeeded(DateTime at, bool idle = false)
    {
        lock (_lock)
        {
            (LastSuccessAt, FailingSince, LastError, Failures, NextAttemptAt, Idle) = (at, null, null, 0, at, idle);
        }
    }

    public void Failed(DateTime at, string error)
    {
        lock (_lock)
        {
            FailingSince ??= at;
            LastError = error;
            Idle = false;
            Failures++;
            NextAttemptAt = at + TimeSpan.FromMinutes(Math.Min(15, 1 << Math.Min(Failures - 1, 4)));
        }
    }
}

/// <summary>
/// Reads the complaints mailbox over IMAP (MailKit) and turns each e-mail into a complaint in the desk's inbox, or
/// into a message on the complaint it answers — only when it comes from that complaint's own customer's address
/// (ADR 0015). Exactly once: an e-mail is moved to the processed folder only after its import is committed, and
/// its Message-ID (or content hash) is unique in <see cref="InboundEmail"/>, so a crash in between only moves it
/// next time. Auto-replies and bounces never create complaints (a bounce marks the letter it returns). Messages
/// are streamed to a temporary file and parsed from there, so a 25 MB e-mail does not sit in memory.
/// </summary>
public sealed partial class InboundMailbox(
    AppDbContext db,
    WriteGate gate,
    ComplaintDesk desk,
    ConversationDesk conversation,
    AttachmentRules attachments,
    InboundMailStatus status,
    IOptionsMonitor<InboundMailOptions> options,
    MailTokens tokens,
    PublicLinks links,
    TimeProvider time,
    Hosting.AppMetrics metrics,
    ILogger<InboundMailbox> logger)
{
    [GeneratedRegex(@"<([^<>\s]+@[^<>\s]+)>")]
    private static partial Regex MessageIdInText();

    /// <summary>IMAP IDLE is ended and started again after this long: servers drop a silent connection after 29 minutes (RFC 2177), routers sooner.</summary>
    public static readonly TimeSpan IdleRestart = TimeSpan.FromMinutes(9);

    /// <summary>One round: every e-mail in the folder. Returns how many were handled; 0 when off, waiting, or unreachable.</summary>
    public Task<int> ProcessAsync(CancellationToken cancellationToken) => RunAsync(watch: false, cancellationToken);

    /// <summary>
    /// Rounds on one kept connection: after each round the connection waits in IMAP IDLE until the server says an
    /// e-mail arrived, so it is in the desk's inbox at once (issue 27). Returns when the server offers no IDLE (the
    /// worker then polls every <see cref="InboundMailOptions.PollInterval"/>), when the connection fails, or on stop.
    /// </summary>
    public Task<int> WatchAsync(CancellationToken cancellationToken) => RunAsync(watch: true, cancellationToken);

    private async Task<int> RunAsync(bool watch, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        if (!settings.Enabled || status.NextAttemptAt > now)
        {
            return 0;
        }

        var handled = 0;
        try
        {
            using var client = await ConnectAsync(settings, cancellationToken);
            var folder = await client.GetFolderAsync(settings.Folder, cancellationToken);
            var processed = await ProcessedFolderAsync(client, settings.ProcessedFolder, cancellationToken);
            var idle = watch && client.Capabilities.HasFlag(ImapCapabilities.Idle);
            do
            {
                if (!folder.IsOpen)
                {
                    await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
                }

                var round = 0;
                foreach (var uid in await folder.SearchAsync(SearchQuery.All, cancellationToken))
                {
                    await HandleAsync(folder, processed, uid, cancellationToken);
                    round++;
                }

                await CleanProcessedFolderAsync(client, processed, settings, cancellationToken);
                status.Succeeded(time.GetUtcNow().UtcDateTime, idle);
                db.ChangeTracker.Clear();
                if (round > 0)
                {
                    logger.LogInformation("Mailbox: {Handled} e-mail(s) handled", round);
                }

                handled += round;
            }
            while (idle && await IdleUntilMailArrivesAsync(client, folder, cancellationToken));

            await client.DisconnectAsync(quit: true, cancellationToken);
            return handled;
        }
        catch (Exception ex) when (Hosting.ConnectionCheck.IsConnectionFailure(ex))
        {
            status.Failed(time.GetUtcNow().UtcDateTime, ex.Message);
            logger.LogWarning("Mailbox {Host}:{Port} could not be read ({Failures} time(s) in a row): {Error}; next attempt at {NextAttempt}", settings.Host, settings.Port, status.Failures, ex.Message, status.NextAttemptAt);
            return handled;
        }
    }

    /// <summary>
    /// The "test now" of /Admin/Connections: connects, signs in and opens the folder read-only, as a round would, and
    /// says how many e-mails wait there; reads and moves nothing.
    /// </summary>
    public async Task<MailboxTest> TestAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return new(new(Hosting.ConnectionProblem.NotConfigured), 0, false);
        }

        try
        {
            using var client = await ConnectAsync(settings, cancellationToken);
            var folder = await client.GetFolderAsync(settings.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var waiting = folder.Count;
            var idle = client.Capabilities.HasFlag(ImapCapabilities.Idle);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new(Hosting.ConnectionCheck.Worked(), waiting, idle);
        }
        catch (Exception ex) when (Hosting.ConnectionCheck.IsConnectionFailure(ex))
        {
            logger.LogWarning("Mailbox test of {Host}:{Port} failed: {Error}", settings.Host, settings.Port, ex.Message);
            return new(Hosting.ConnectionCheck.Of(ex), 0, false);
        }
    }

    /// <summary>
    /// Waits in IDLE on the open folder until the server reports an e-mail in it, or <see cref="IdleRestart"/> passes.
    /// Always true (go round again); stopping the app ends it by cancellation.
    /// </summary>
    private async Task<bool> IdleUntilMailArrivesAsync(ImapClient client, IMailFolder folder, CancellationToken cancellationToken)
    {
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken); // cleaning selected the processed folder
        if (folder.Count > 0)
        {
            return true; // arrived while the round was busy
        }

        using var done = new CancellationTokenSource(IdleRestart, time);
        void Arrived(object? sender, EventArgs e)
        {
            if (folder.Count > 0)
            {
                done.Cancel();
            }
        }

        folder.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }

        return true;
    }

    /// <summary>
    /// The processed folder keeps nobody's e-mail for longer than needed: the e-mails of erased customers are deleted
    /// and expunged (found by their Message-ID), and every e-mail older than the retention goes too (issue 26, finding 4).
    /// </summary>
    private async Task CleanProcessedFolderAsync(ImapClient client, IMailFolder processed, InboundMailOptions settings, CancellationToken cancellationToken)
    {
        var erased = await db.InboundEmails.Where(e => e.EraseRequestedAt != null && !e.Key.StartsWith(InboundEmail.ErasedPrefix)).ToListAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-Math.Max(0, settings.ProcessedRetentionDays));
        await processed.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var doomed = new List<UniqueId>(await processed.SearchAsync(SearchQuery.DeliveredBefore(cutoff), cancellationToken));
        foreach (var email in erased.Where(e => !e.Key.StartsWith("sha256:", StringComparison.Ordinal)))
        {
            doomed.AddRange(await processed.SearchAsync(SearchQuery.HeaderContains("Message-ID", email.Key), cancellationToken));
        }

        if (doomed.Count > 0)
        {
            var uids = doomed.Distinct().ToList();
            await processed.AddFlagsAsync(uids, MessageFlags.Deleted, silent: true, cancellationToken);
            if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
            {
                await processed.ExpungeAsync(uids, cancellationToken);
            }
            else
            {
                // Without UIDPLUS only the whole folder can be expunged; nothing else in it is marked deleted by us.
                await processed.ExpungeAsync(cancellationToken);
            }
        }

        if (erased.Count > 0)
        {
            foreach (var email in erased)
            {
                email.Key = InboundEmail.ErasedPrefix + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Key)));
            }

            await gate.SaveAsync(db, cancellationToken);
        }
        if (doomed.Count > 0 || erased.Count > 0)
        {
            logger.LogInformation("Processed folder: {Deleted} e-mail(s) deleted ({Erased} of erased customers)", doomed.Distinct().Count(), erased.Count);
        }
    }

    /// <summary>Connected and signed in, the same way for a round and for a test.</summary>
    private async Task<ImapClient> ConnectAsync(InboundMailOptions settings, CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            await SignInAsync(client, settings, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// With a password, or with an OAuth2 token (XOAUTH2): a token the server refuses is dropped and asked for once
    /// more, so a token revoked or expired at the provider is replaced in the same round.
    /// </summary>
    private async Task SignInAsync(ImapClient client, InboundMailOptions settings, CancellationToken cancellationToken)
    {
        if (settings.Auth != MailAuth.OAuth2)
        {
            await client.AuthenticateAsync(settings.User ?? string.Empty, settings.Password ?? string.Empty, cancellationToken);
            return;
        }

        try
        {
            await client.AuthenticateAsync(new SaslMechanismOAuth2(settings.User ?? string.Empty, await tokens.TokenAsync(settings.OAuth2, cancellationToken)), cancellationToken);
        }
        catch (AuthenticationException)
        {
            tokens.Forget(settings.OAuth2);
            await client.AuthenticateAsync(new SaslMechanismOAuth2(settings.User ?? string.Empty, await tokens.TokenAsync(settings.OAuth2, cancellationToken)), cancellationToken);
        }
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new FolderNotFoundException(name);
        }
    }

    private async Task HandleAsync(IMailFolder folder, IMailFolder processed, UniqueId uid, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"klantcentraal-mail-{Guid.NewGuid():N}.eml");
        try
        {
            await using (var file = File.Create(path))
            {
                await ((ImapFolder)folder).GetStreamsAsync([uid], async (_, _, _, stream, ct) => await stream.CopyToAsync(file, ct), cancellationToken);
            }

            if (new FileInfo(path).Length == 0)
            {
                return; // another instance, woken by the same arrival, moved it first
            }

            await using (var read = File.OpenRead(path))
            {
                var parser = new MimeParser(read, MimeFormat.Entity, persistent: true);
                using var message = await parser.ParseMessageAsync(cancellationToken);
                read.Position = 0;
                var key = message.MessageId is { Length: > 0 and <= InboundEmail.KeyMaxLength } id ? id : "sha256:" + Convert.ToHexString(await SHA256.HashDataAsync(read, cancellationToken));
                if (!await db.InboundEmails.AnyAsync(e => e.Key == key, cancellationToken))
                {
                    await ImportAsync(message, key, cancellationToken);
                }
            }

            // Only now, after the commit: a crash before this line finds the key next round and just moves it.
            await folder.MoveToAsync(uid, processed, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task ImportAsync(MimeMessage message, string key, CancellationToken cancellationToken)
    {
        var sender = message.From.Mailboxes.FirstOrDefault();
        var address = Customer.NormalizeEmail(sender?.Address);
        if (IsBounce(message, address))
        {
            await MarkBouncedAsync(message, key, cancellationToken);
            return;
        }

        if (address is null || IsAutomatic(message))
        {
            await RecordAsync(key, InboundOutcome.Ignored, null, cancellationToken);
            logger.LogInformation("E-mail {Key} ignored: automatic or without sender", key);
            return;
        }

        var (files, refused) = await AttachmentsAsync(message, cancellationToken);
        var body = Body(message) + refused;
        var named = NamedComplaintCode(message.Subject);
        var complaint = await AnsweredComplaintAsync(message, cancellationToken) ?? (named is null ? null : await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == Domain.TrackingCode.Parse(named), cancellationToken));
        if (complaint is not null && string.Equals(complaint.Customer?.Email, address, StringComparison.Ordinal) && IsVerifiedSender(message, address, options.CurrentValue.TrustedAuthServId))
        {
            await conversation.ReceiveEmailAsync(complaint.TrackingCode.Value, body, files, message.MessageId, key, InboundOutcome.MessageOnComplaint, cancellationToken);
            return;
        }

        // A new complaint — also when the e-mail names someone else's code: never attached to another customer's complaint.
        var mentions = complaint?.TrackingCodeDisplay ?? (named is null ? null : TrackingCode.Parse(named).Display);
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(geen onderwerp)" : message.Subject.Trim();
        var description = (mentions is null ? string.Empty : $"[noemt volgcode {mentions}] ") + $"{subject}\n\n{body}";
        var contact = new CustomerContact(SenderName(sender!, address), MailAddresses.IsDeliverable(address) ? address : null, null, null);
        var details = new ComplaintDetails(Channel.Email, ComplaintCategory.Other, Limit(subject, Complaint.ProductNameMaxLength), null, null, null, ReceiptStatus.Unknown, Limit(description, Complaint.DescriptionMaxLength), ResolutionType.Apology);
        var submission = new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("email:" + key))[..16]);
        var recorded = await desk.ReceiveAsync(new Receive(submission, "email", contact, details) { Letter = contact.Email is null ? null : links.Letter() with { Culture = "nl-NL" } }, cancellationToken);
        await conversation.ReceiveEmailAsync(recorded.TrackingCode, body, files, message.MessageId, key, InboundOutcome.NewComplaint, cancellationToken);
    }

    /// <summary>The complaint whose letter this e-mail answers (In-Reply-To or References name one of our Message-IDs).</summary>
    private async Task<Complaint?> AnsweredComplaintAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var ids = message.References.Append(message.InReplyTo).OfType<string>().Where(i => i.Length <= ComplaintMessage.EmailMessageIdMaxLength).Distinct().ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var complaintId = await db.OutgoingMails.Where(m => ids.Contains(m.EmailMessageId!)).Select(m => (int?)m.ComplaintId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Messages.Where(m => ids.Contains(m.EmailMessageId!)).Select(m => (int?)m.ComplaintId).FirstOrDefaultAsync(cancellationToken);
        return complaintId is { } id ? await db.Complaints.Include(c => c.Customer).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
    }

    /// <summary>
    /// Whether our own mail server vouches for the From address (issue 26, finding 10): the topmost
    /// Authentication-Results header (the one our server added last; a sender can write any header below it) carries
    /// our authserv-id and says dmarc=pass for the From domain, or dkim=pass for a signature of that domain (or the
    /// domain it belongs to). softfail, none, neutral, temperror, permerror, a missing or foreign header: unverified.
    /// </summary>
    internal static bool IsVerifiedSender(MimeMessage message, string address, string? trustedAuthServId)
    {
        if (string.IsNullOrWhiteSpace(trustedAuthServId)
            || message.Headers.FirstOrDefault(h => h.Id == HeaderId.AuthenticationResults) is not { } topmost
            || !MimeKit.Cryptography.AuthenticationResults.TryParse(topmost.RawValue, out var results)
            || !string.Equals(results.AuthenticationServiceIdentifier, trustedAuthServId.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var domain = address[(address.LastIndexOf('@') + 1)..];
        return results.Results.Any(r => Passed(r, "dmarc") && Says(r, "header", "from", d => d == domain))
            || results.Results.Any(r => Passed(r, "dkim") && Says(r, "header", "d", d => d == domain || domain.EndsWith("." + d, StringComparison.Ordinal)));

        static bool Passed(MimeKit.Cryptography.AuthenticationMethodResult r, string method) =>
            string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Result, "pass", StringComparison.OrdinalIgnoreCase);

        static bool Says(MimeKit.Cryptography.AuthenticationMethodResult r, string type, string property, Func<string, bool> matches) =>
            r.Properties.Any(p => string.Equals(p.PropertyType, type, StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Property, property, StringComparison.OrdinalIgnoreCase)
                && matches(p.Value.Trim().ToLowerInvariant()));
    }

    private static string? NamedComplaintCode(string? subject) => TrackingCode.FindIn(subject)?.Value;

    private static bool IsBounce(MimeMessage message, string? address) =>
        message.Body is MultipartReport { ReportType: var type } && string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase)
        || address is not null && (address.StartsWith("mailer-daemon@", StringComparison.Ordinal) || address.StartsWith("postmaster@", StringComparison.Ordinal));

    /// <summary>Auto-replies, vacation notices and list mail (RFC 3834, Precedence): never a complaint, never answered.</summary>
    private static bool IsAutomatic(MimeMessage message)
    {
        var autoSubmitted = message.Headers["Auto-Submitted"];
        var precedence = message.Headers["Precedence"]?.Trim().ToLowerInvariant();
        return (autoSubmitted is not null && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            || precedence is "bulk" or "junk" or "list" or "auto_reply"
            || message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond");
    }

    /// <summary>A bounce names the letter it returns: that letter is marked bounced on the complaint page.</summary>
    private async Task MarkBouncedAsync(MimeMessage message, string key, CancellationToken cancellationToken)
    {
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in message.BodyParts.Skip(1))
        {
            var text = part switch
            {
                MessagePart { Message: { } returned } => returned.MessageId is { } returnedId ? $"<{returnedId}>" : string.Empty,
                TextPart textPart => textPart.Text ?? string.Empty,
                MimePart other => ReadText(other),
                _ => string.Empty,
            };
            foreach (Match m in MessageIdInText().Matches(text ?? string.Empty))
            {
                mentioned.Add(m.Groups[1].Value);
            }
        }

        var letter = mentioned.Count == 0 ? null : await db.OutgoingMails.FirstOrDefaultAsync(m => mentioned.Contains(m.EmailMessageId!), cancellationToken);
        letter?.MarkBounced(time.GetUtcNow().UtcDateTime);
        await RecordAsync(key, InboundOutcome.Bounce, letter?.ComplaintId, cancellationToken);
        logger.LogInformation("Bounce {Key} for letter {LetterId}", key, letter?.Id);
    }

    private static string ReadText(MimePart part)
    {
        if (part.Content is null)
        {
            return string.Empty;
        }

        using var stream = new MemoryStream();
        part.Content.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray(), 0, (int)Math.Min(stream.Length, 64 * 1024));
    }

    private async Task RecordAsync(string key, InboundOutcome outcome, int? complaintId, CancellationToken cancellationToken)
    {
        db.InboundEmails.Add(new InboundEmail { Key = key, Outcome = outcome, ComplaintId = complaintId, ReceivedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await gate.SaveAsync(db, cancellationToken);
            metrics.InboundEmail(outcome);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another instance recorded it first
        }
    }

    /// <summary>The text of the e-mail: the plain part, else the HTML converted to text by MimeKit (never rendered as HTML).</summary>
    private static string Body(MimeMessage message)
    {
        var text = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.ToPlainText(html) : string.Empty);
        text = text.Trim();
        return text.Length > ComplaintMessage.BodyMaxLength ? text[..(ComplaintMessage.BodyMaxLength - 20)] + "\n(ingekort)" : text;
    }

    /// <summary>
    /// The attachments that pass the rules, each checked once; a refused one is named in the message instead, so
    /// nothing is silently lost. A part whose encoded size already exceeds the limit is refused without decoding it,
    /// and refused parts count toward the caps: only the first <see cref="AttachmentOptions.MaxFiles"/> parts are
    /// looked at, whatever they are, and their pixels are paid from the sender's hourly budget.
    /// </summary>
    private async Task<(IReadOnlyList<CheckedFile> Files, string Refused)> AttachmentsAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var limits = attachments.Limits;
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address?.ToLowerInvariant() ?? "unknown";
        var accepted = new List<CheckedFile>();
        var refused = new List<string>();
        long total = 0;
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            var name = AttachmentRules.SafeName(part.FileName);
            var encoded = part.Content?.Stream is { CanSeek: true } raw ? raw.Length : 0;
            if (accepted.Count + refused.Count >= limits.MaxFiles || part.Content is null || encoded * 3 / 4 > limits.MaxFileBytes)
            {
                refused.Add(name);
                continue;
            }

            byte[] bytes;
            await using (var decoded = part.Content.Open())
            {
                // Sniff the first bytes: anything that cannot be a photo or PDF is refused without reading the rest.
                var head = new byte[16];
                var read = await decoded.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                if (!AttachmentRules.MayBeAccepted(head.AsSpan(0, read)))
                {
                    refused.Add(name);
                    continue;
                }

                using var buffer = new MemoryStream();
                buffer.Write(head, 0, read);
                await decoded.CopyToAsync(buffer, cancellationToken);
                bytes = buffer.ToArray();
            }

            var (one, error) = bytes.Length > limits.MaxFileBytes || total + bytes.Length > limits.MaxMessageBytes
                ? ([], "too large")
                : await attachments.CheckAsync([new IncomingFile(name, bytes)], cancellationToken, client: "mail:" + sender);
            if (error is null)
            {
                accepted.Add(one[0]);
                total += bytes.Length;
            }
            else
            {
                refused.Add(name);
            }
        }

        var note = refused.Count == 0 ? string.Empty : $"\n\n(Bijlagen niet aangenomen: {string.Join(", ", refused)})";
        return (accepted, note);
    }

    private static string SenderName(MailboxAddress sender, string address)
    {
        var name = sender.Name?.Trim();
        if (ContactRules.IsAcceptableName(name) && name!.Length <= Customer.NameMaxLength)
        {
            return name;
        }

        var local = address.Split('@')[0];
        return ContactRules.IsAcceptableName(local) ? Limit(local, Customer.NameMaxLength) : "Klant per e-mail";
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>/health says Degraded (not Unhealthy) while the mailbox cannot be read: the app still serves everyone else.</summary>
/// <summary>What a test of the mailbox found: whether it works, how many e-mails wait in the folder, and whether the server offers IDLE.</summary>
public sealed record MailboxTest(Hosting.ConnectionCheck Outcome, int Waiting, bool OffersIdle);

/// <summary>
/// Keeps the mailbox watched: a kept connection in IMAP IDLE where the server offers it (an e-mail is in the inbox
/// within moments of delivery), polling every <see cref="InboundMailOptions.PollInterval"/> where it does not, and
/// after a failure (the status's back-off decides when the next attempt connects).
/// </summary>
public sealed class MailboxWatcher(IServiceScopeFactory scopes, IOptionsMonitor<InboundMailOptions> options, TimeProvider time, ILogger<MailboxWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<InboundMailbox>().WatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Inbound mail: round failed; trying again after the poll interval");
            }

            await Task.Delay(options.CurrentValue.PollInterval, time, stoppingToken);
        }
    }
}

public sealed class InboundMailHealthCheck(InboundMailStatus status) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.IsFailing
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded($"The mailbox cannot be read since {status.FailingSince:u}: {status.LastError}")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
}
