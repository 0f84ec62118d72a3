using System.Security.Cryptography;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
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
/// The complaints mailbox over IMAP (MailKit): connects and signs in, fetches each e-mail of the folder, hands it to
/// <see cref="InboundMessageReader"/> (MIME to <see cref="InboundMessage"/>) and <see cref="ConversationDesk.ImportEmailAsync"/>
/// (one transaction: a complaint, a message on the complaint it answers, a bounce or nothing; ADR 0015), then moves it
/// to the processed folder, and waits in IDLE for the next. Exactly once: an e-mail is moved only after its import is
/// committed, and its Message-ID (or content hash) is unique in <see cref="InboundEmail"/>, so a crash in between only
/// moves it next time. Messages are streamed to a temporary file and parsed from there, so a 25 MB e-mail does not sit
/// in memory.
/// </summary>
public sealed class InboundMailbox(
    AppDbContext db,
    InboundMessageReader reader,
    ConversationDesk conversation,
    Privacy.RetentionProcessor retention,
    InboundMailStatus status,
    IOptionsMonitor<InboundMailOptions> options,
    MailTokens tokens,
    TimeProvider time,
    ILogger<InboundMailbox> logger)
{
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
        var erased = await retention.EmailsToDeleteFromServerAsync(cancellationToken);
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
            await retention.EmailsDeletedFromServerAsync([.. erased.Select(e => e.Id)], cancellationToken);
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
                // Imported before (a crash between the commit and the move): the import says so and stores nothing.
                await conversation.ImportEmailAsync(await reader.ReadAsync(message, key, cancellationToken), cancellationToken);
            }

            // Only now, after the commit: a crash before this line finds the key next round and just moves it.
            await folder.MoveToAsync(uid, processed, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>What a test of the mailbox found: whether it works, how many e-mails wait in the folder, and whether the server offers IDLE.</summary>
public sealed record MailboxTest(Hosting.ConnectionCheck Outcome, int Waiting, bool OffersIdle);

/// <summary>/health says Degraded (not Unhealthy) while the mailbox cannot be read: the app still serves everyone else.</summary>
public sealed class InboundMailHealthCheck(InboundMailStatus status) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.IsFailing
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded($"The mailbox cannot be read since {status.FailingSince:u}: {status.LastError}")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
}
