using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// Reads a <see cref="MimeMessage"/> into an <see cref="InboundMessage"/>: bounces and automatic mail are recognised
/// (and their files never read), the body is text only, and each attachment is checked once by
/// <see cref="AttachmentRules"/> with the sender's own budget. Knows nothing of IMAP or of the database.
/// </summary>
public sealed partial class InboundMessageReader(AttachmentRules attachments, IOptionsMonitor<InboundMailOptions> options)
{
    [GeneratedRegex(@"<([^<>\s]+@[^<>\s]+)>")]
    private static partial Regex MessageIdInText();

    public async Task<InboundMessage> ReadAsync(MimeMessage message, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sender = message.From.Mailboxes.FirstOrDefault();
        var address = Customer.NormalizeEmail(sender?.Address);
        if (IsBounce(message, address))
        {
            return new(key, InboundKind.Bounce) { Sender = address, Returned = ReturnedLetters(message) };
        }

        if (address is null || IsAutomatic(message))
        {
            return new(key, InboundKind.Automatic) { Sender = address };
        }

        var (files, refused) = await AttachmentsAsync(message, cancellationToken);
        return new(key, InboundKind.Mail)
        {
            Sender = address,
            SenderName = SenderName(sender!, address),
            SenderVerified = IsVerifiedSender(message, address, options.CurrentValue.TrustedAuthServId),
            Subject = string.IsNullOrWhiteSpace(message.Subject) ? "(geen onderwerp)" : message.Subject.Trim(),
            Body = Body(message) + refused,
            Files = files,
            MessageId = message.MessageId is { Length: <= ComplaintMessage.EmailMessageIdMaxLength } id ? id : null,
            Answers = message.References.Append(message.InReplyTo).OfType<string>().Where(i => i.Length <= ComplaintMessage.EmailMessageIdMaxLength).Distinct().ToList(),
            NamedCode = TrackingCode.FindIn(message.Subject),
        };
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

    /// <summary>The Message-IDs a bounce names in its parts after the first: the letters it returns.</summary>
    private static HashSet<string> ReturnedLetters(MimeMessage message)
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

        return mentioned;
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

    /// <summary>The text of the e-mail: the plain part, else the HTML converted to text by MimeKit (never rendered as HTML).</summary>
    private static string Body(MimeMessage message)
    {
        var text = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.ToPlainText(html) : string.Empty);
        text = text.Trim();
        return ComplaintMessage.FitEmailBody(text);
    }

    /// <summary>
    /// The attachments that pass the rules, each checked once; a refused one is named in the message instead, so
    /// nothing is silently lost. A part whose encoded size already exceeds the limit is refused without decoding it,
    /// and refused parts count toward the caps: only the first <see cref="AttachmentOptions.MaxFiles"/> parts are
    /// looked at, whatever they are, and their pixels are paid from the sender's hourly budget.
    /// </summary>
    private async Task<(IReadOnlyList<CheckedFile> Files, string Refused)> AttachmentsAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address?.ToLowerInvariant() ?? "unknown";
        var accepted = new List<CheckedFile>();
        var refused = new List<string>();
        long total = 0;
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            var name = AttachmentRules.SafeName(part.FileName);
            var encoded = part.Content?.Stream is { CanSeek: true } raw ? raw.Length : 0;
            var number = accepted.Count + refused.Count + 1;
            if (part.Content is null || attachments.Exceeded(number, encoded * 3 / 4, before: 0) is AttachmentLimit.Files or AttachmentLimit.FileBytes)
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

            var (one, error) = attachments.Exceeded(number, bytes.Length, total) is not null
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
        return ContactRules.IsAcceptableName(local) ? ComplaintDetails.Cut(local, Customer.NameMaxLength) : "Klant per e-mail";
    }
}
