using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KlantCentraal.Web.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    public string FromName { get; set; } = "KlantCentraal";

    public string FromAddress { get; set; } = "klantenservice@klantcentraal.test";

    /// <summary>SMTP server. When empty, messages are written as .eml files to <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpStartTls { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Password (default, when <see cref="SmtpUser"/> is set) or OAuth2: the token of <see cref="SmtpOAuth2"/>, by SASL XOAUTH2.</summary>
    public MailAuth SmtpAuth { get; set; } = MailAuth.Password;

    /// <summary>
    /// Outside Development letters must reach customers: without <see cref="SmtpHost"/> the app refuses to start,
    /// unless the operator chose <c>Pickup</c> here (a relay collects the folder's .eml files).
    /// </summary>
    public string? Delivery { get; set; }

    /// <summary>Letters go to the pickup folder, not to a mail server: the desk never says they were e-mailed.</summary>
    public bool WritesToFolder => string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>Stops the start outside Development when letters would silently go to a folder nobody reads.</summary>
    public static void CheckAtStart(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration[$"{Section}:SmtpHost"])
            && !string.Equals(configuration[$"{Section}:Delivery"], "Pickup", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "Mail:SmtpHost is not set, so no letter would reach a customer: set Mail__SmtpHost (with Mail__SmtpUser and " +
                "Mail__SmtpPassword, or Mail__SmtpAuth=OAuth2 with Mail__SmtpOAuth2__*), or choose Mail__Delivery=Pickup " +
                "when a relay collects the .eml files from Mail:PickupDirectory.");
        }
    }

    public MailOAuth2Options SmtpOAuth2 { get; set; } = new();

    /// <summary>Where .eml files go when no SMTP server is configured; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail-pickup";

    /// <summary>
    /// Letters in the pickup folder hold names, addresses and tracking codes: the privacy job deletes them after
    /// this many days (whoever relays them has had time to), and erasing a customer deletes theirs at once.
    /// </summary>
    public int PickupRetentionDays { get; set; } = 14;
}

/// <summary>
/// Sends e-mail with MailKit over SMTP when configured; otherwise writes each message as an .eml file to the
/// pickup folder, where a developer (or a mail relay) can pick it up. Returns false when sending failed.
/// </summary>
public sealed class Mailer(IOptionsMonitor<MailOptions> options, IHostEnvironment environment, MailTokens tokens, ILogger<Mailer> logger)
{
    /// <summary>Sends one plain-text letter.</summary>
    public Task<bool> SendAsync(string toAddress, string toName, string subject, string body, CancellationToken cancellationToken) =>
        SendAsync(new Letter(toAddress, toName, subject, body), cancellationToken);

    /// <summary>Sends a letter with its attachments; its Message-ID (without angle brackets) lets answers thread to it.</summary>
    public async Task<bool> SendAsync(Letter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var (toAddress, toName, subject, body, messageId) = (letter.ToAddress, letter.ToName, letter.Subject, letter.Body, letter.MessageId);
        var settings = options.CurrentValue;
        if (!MailAddresses.IsDeliverable(toAddress))
        {
            // Stored before the forms checked addresses this strictly, or typed in by hand: nothing to send to.
            logger.LogWarning("E-mail {Subject} not sent: the address is not one we can write to", subject);
            return false;
        }

        try
        {
            using var message = new MimeMessage();
            message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
            message.To.Add(new MailboxAddress(toName, toAddress.Trim()));
            message.Subject = subject;
            var parts = new BodyBuilder { TextBody = body, HtmlBody = letter.HtmlBody };
            foreach (var file in letter.Attachments)
            {
                parts.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
            }

            message.Body = parts.ToMessageBody();
            if (messageId is not null)
            {
                message.MessageId = messageId;
            }

            // Letters are automatic: auto-responders must not answer them (RFC 3834), so no mail loops.
            message.Headers.Add("Auto-Submitted", "auto-generated");

            if (string.IsNullOrWhiteSpace(settings.SmtpHost))
            {
                var folder = PickupFolder(settings);
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
                await message.WriteToAsync(path, cancellationToken);
                logger.LogInformation("E-mail {Subject} written to the pickup folder", subject);
                return true;
            }

            using var smtp = await ConnectAsync(settings, cancellationToken);
            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            logger.LogInformation("E-mail {Subject} sent over SMTP", subject);
            return true;
        }
        catch (Exception ex) when (ex is ParseException or IOException or SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException or ServiceNotConnectedException or UnauthorizedAccessException or MailTokenException)
        {
            // The complaint is stored and resolved; only the e-mail failed. The caller tells the desk to hand over the printout.
            logger.LogWarning(ex, "E-mail {Subject} could not be sent", subject);
            return false;
        }
    }

    /// <summary>
    /// The "test now" of /Admin/Connections: connects to the SMTP server and signs in as a letter would, then says
    /// goodbye without sending anything.
    /// </summary>
    public async Task<Hosting.ConnectionCheck> TestAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.WritesToFolder)
        {
            return new(Hosting.ConnectionProblem.NotConfigured);
        }

        try
        {
            using var smtp = await ConnectAsync(settings, cancellationToken);
            await smtp.NoOpAsync(cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return Hosting.ConnectionCheck.Worked();
        }
        catch (Exception ex) when (Hosting.ConnectionCheck.IsConnectionFailure(ex))
        {
            logger.LogWarning("SMTP test of {Host}:{Port} failed: {Error}", settings.SmtpHost, settings.SmtpPort, ex.Message);
            return Hosting.ConnectionCheck.Of(ex);
        }
    }

    /// <summary>Connected and signed in: with a password, or with an OAuth2 token that is asked again once when refused.</summary>
    private async Task<SmtpClient> ConnectAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
            if (settings.SmtpAuth == MailAuth.OAuth2)
            {
                // The mailbox the token may send from: the SMTP user, else the sender's own address.
                var mailbox = string.IsNullOrWhiteSpace(settings.SmtpUser) ? settings.FromAddress : settings.SmtpUser;
                try
                {
                    await smtp.AuthenticateAsync(new SaslMechanismOAuth2(mailbox, await tokens.TokenAsync(settings.SmtpOAuth2, cancellationToken)), cancellationToken);
                }
                catch (AuthenticationException)
                {
                    // Refused (revoked or expired at the provider): a fresh token, once.
                    tokens.Forget(settings.SmtpOAuth2);
                    await smtp.AuthenticateAsync(new SaslMechanismOAuth2(mailbox, await tokens.TokenAsync(settings.SmtpOAuth2, cancellationToken)), cancellationToken);
                }
            }
            else if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? string.Empty, cancellationToken);
            }

            return smtp;
        }
        catch
        {
            smtp.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the letters in the pickup folder addressed to <paramref name="address"/> (erasure on request).</summary>
    public int DeletePickedUpLettersTo(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return DeletePickedUpLetters(path =>
        {
            using var message = MimeMessage.Load(path);
            return message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));
        });
    }

    /// <summary>Deletes the letters in the pickup folder older than <see cref="MailOptions.PickupRetentionDays"/>.</summary>
    public int DeletePickedUpLettersBefore(DateTime utcNow)
    {
        var limit = utcNow.AddDays(-Math.Max(0, options.CurrentValue.PickupRetentionDays));
        return DeletePickedUpLetters(path => File.GetLastWriteTimeUtc(path) < limit);
    }

    private int DeletePickedUpLetters(Func<string, bool> which)
    {
        var folder = PickupFolder(options.CurrentValue);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.eml"))
        {
            try
            {
                if (which(path))
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                logger.LogWarning(ex, "Could not read or delete a letter in the pickup folder");
            }
        }

        return deleted;
    }

    private string PickupFolder(MailOptions settings) => Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.PickupDirectory));
}
