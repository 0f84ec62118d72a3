using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Mail;

/// <summary>A letter ready to send.</summary>
public sealed record Letter(string ToAddress, string ToName, string Subject, string Body, string? MessageId = null)
{
    /// <summary>Files that go with the letter (the desk's attachments on a reply).</summary>
    public IReadOnlyList<LetterAttachment> Attachments { get; init; } = [];

    /// <summary>An HTML alternative to <see cref="Body"/> (the managers' reports); letters to customers are plain text.</summary>
    public string? HtmlBody { get; init; }
}

/// <summary>A file in a letter.</summary>
public sealed record LetterAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Writes the letters customers get, from the complaint as it is when the letter is sent, in the language of
/// the screen the complaint came through: the confirmation of a resolved complaint, the receipt of an online
/// one, and what was improved thanks to it.
/// </summary>
public sealed class CustomerLetters(
    AppDbContext db,
    Formats formats,
    IStringLocalizer<SharedResource> t,
    IOptionsMonitor<OrganisationOptions> organisation,
    Organisation.Deadlines deadlines)
{
    /// <summary>The store of the complaint the letter is about: named in the letter, with its phone and hours.</summary>
    private Store? _store;

    /// <summary>The desk's promise the letter repeats: the same rule as the thank-you page and the inbox.</summary>
    private DateOnly _respondBy;

    /// <summary>The letter, or null when there is nothing to write (no e-mail address any more, or nothing to confirm).</summary>
    public async Task<Letter?> WriteAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // The request that owed the letter still holds the complaint it just stored; the worker reads it.
        var complaint = mail.Complaint is { Customer: not null } held && (mail.Kind != MailKind.Improvement || held.Investigation is not null)
            ? held
            : await db.Complaints.AsNoTracking()
                .Include(c => c.Customer)
                .Include(c => c.Investigation)
                .FirstOrDefaultAsync(c => c.Id == mail.ComplaintId, cancellationToken);
        if (complaint?.Customer?.Email is not { } email)
        {
            return null;
        }

        var storeId = complaint.StoreId;
        _store = storeId is null ? null : await db.Stores.FindAsync([storeId], cancellationToken);
        if (mail.Kind == MailKind.MessageReceived || (mail.Kind is MailKind.Received or MailKind.Extended && complaint.RespondBy is null))
        {
            var from = mail.Kind == MailKind.MessageReceived ? complaint.WaitingSince ?? complaint.ReceivedAt : complaint.ReceivedAt;
            _respondBy = await deadlines.RespondByAsync(from, storeId, mail.Kind == MailKind.MessageReceived ? Regime.Retail : complaint.Regime, cancellationToken);
        }
        else if (complaint.RespondBy is { } promised)
        {
            _respondBy = promised; // the promise the complaint was given (and extended), as stored
        }
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureFor(mail.Culture);
        try
        {
            var subjectAndBody = mail.Kind switch
            {
                MailKind.Resolved => Resolved(complaint, mail.LookupUrl),
                MailKind.Received => Received(complaint, mail.LookupUrl),
                MailKind.Improvement => Improvement(complaint, mail.LookupUrl),
                MailKind.Extended => Extended(complaint, mail.LookupUrl),
                MailKind.RefundPaid => RefundPaid(complaint, mail.LookupUrl),
                MailKind.Reply or MailKind.MessageReceived when await MessageAsync(mail, cancellationToken) is { } message =>
                    mail.Kind == MailKind.Reply ? Reply(complaint, message, mail.LookupUrl) : MessageReceived(complaint, mail.LookupUrl),
                _ => null,
            };
            if (subjectAndBody is not { } letter)
            {
                return null;
            }

            var files = mail.Kind == MailKind.Reply && mail.MessageId is { } messageId
                ? await db.Attachments.AsNoTracking().Where(a => a.MessageId == messageId).OrderBy(a => a.Id)
                    .Select(a => new LetterAttachment(a.FileName, a.ContentType, a.Content)).ToListAsync(cancellationToken)
                : [];
            return new Letter(email, complaint.Customer.Name, letter.Subject, letter.Body, mail.EmailMessageId) { Attachments = files };
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private (string Subject, string Body)? Resolved(Complaint complaint, string lookupUrl)
    {
        if (complaint.Resolution is not { } resolution)
        {
            return null;
        }

        return (t["Uw klacht {0} is opgelost", complaint.TrackingCodeDisplay], Frame(
            complaint.Customer!.Name,
            [
                t["Bedankt dat u uw klacht aan ons meldde. Wij hebben het direct opgelost."],
                string.Empty,
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                $"{t["Product"]}: {complaint.ProductName}",
                $"{t["Wat u kreeg"]}: {formats.Received(resolution)}",
                _store is { } store ? t["U werd geholpen door {0} bij {1}.", resolution.GrantedByName, store.Name] : t["U werd geholpen door {0}.", resolution.GrantedByName],
                string.Empty,
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
            ],
            signedBy: resolution.GrantedByName));
    }

    private (string Subject, string Body) Received(Complaint complaint, string lookupUrl)
    {
        var respondBy = _respondBy;
        return (t["We hebben uw klacht {0} ontvangen", complaint.TrackingCodeDisplay], Frame(
            complaint.Customer!.Name,
            [
                t["We hebben uw klacht over {0} goed ontvangen. U hoeft niets meer te doen.", complaint.ProductName],
                formats.Promise(complaint.Regime, respondBy),
                string.Empty,
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
            ],
            signedBy: null));
    }

    private (string Subject, string Body)? Improvement(Complaint complaint, string lookupUrl)
    {
        if (complaint.Investigation?.ImprovementText is not { } improvement)
        {
            return null;
        }

        return (t["Wat we verbeterden dankzij uw klacht {0}", complaint.TrackingCodeDisplay], Frame(
            complaint.Customer!.Name,
            [
                t["U meldde ons eerder een klacht over {0}. We hebben uitgezocht hoe het kwam. Dit hebben we verbeterd:", complaint.ProductName],
                string.Empty,
                improvement,
                string.Empty,
                t["Dank u wel: dankzij uw melding gebeurt dit niet meer."],
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
            ],
            signedBy: complaint.Investigation.OwnerName));
    }

    private async Task<ComplaintMessage?> MessageAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        mail.MessageId is { } id ? await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) : null;

    /// <summary>The desk's answer, under the writer's own name; the tracking code in the subject threads answers back.</summary>
    private (string Subject, string Body) Reply(Complaint complaint, ComplaintMessage message, string lookupUrl) =>
        (t["Antwoord op uw klacht {0}", complaint.TrackingCodeDisplay], Frame(
            complaint.Customer!.Name,
            [
                message.Body,
                string.Empty,
                t["U kunt op deze e-mail antwoorden, of op {0} met uw volgcode {1} reageren en foto's toevoegen.", lookupUrl, complaint.TrackingCodeDisplay],
            ],
            signedBy: message.AuthorName));

    private (string Subject, string Body) Extended(Complaint complaint, string lookupUrl) =>
        (t["We hebben meer tijd nodig voor uw klacht {0}", complaint.TrackingCodeDisplay], Frame(
            complaint.Customer!.Name,
            [
                t["We hebben meer tijd nodig: u hoort uiterlijk op {0} van ons, omdat {1}", formats.Date(_respondBy), complaint.ExtensionReason ?? string.Empty],
                string.Empty,
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
            ],
            signedBy: null));

    private (string Subject, string Body)? RefundPaid(Complaint complaint, string lookupUrl) =>
        complaint.Resolution is { PaidOn: { } paidOn, AmountCents: { } cents } resolution
            ? (t["Uw geld is overgemaakt ({0})", complaint.TrackingCodeDisplay], Frame(
                complaint.Customer!.Name,
                [
                    resolution.RefundMethod == RefundMethod.OriginalPayment
                        ? t["We hebben {0} op {1} teruggestort via de manier waarop u betaalde.", formats.Money(cents), formats.Date(paidOn)]
                        : t["We hebben {0} op {1} naar uw rekening overgemaakt.", formats.Money(cents), formats.Date(paidOn)],
                    t["Het kan een of twee werkdagen duren voordat u het op uw rekening ziet."],
                    string.Empty,
                    $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                    t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
                ],
                signedBy: null))
            : null;

    private (string Subject, string Body) MessageReceived(Complaint complaint, string lookupUrl)
    {
        var respondBy = _respondBy;
        return (t["We hebben uw bericht over klacht {0} ontvangen", complaint.TrackingCodeDisplay], Frame(
            complaint.Customer!.Name,
            [
                t["Dank u voor uw bericht. We lezen het en antwoorden uiterlijk {0}.", formats.Date(respondBy)],
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
            ],
            signedBy: null));
    }

    /// <summary>The frame of every letter: greeting, the text, how to reach us, and the signature.</summary>
    private string Frame(string name, IEnumerable<string> lines, string? signedBy)
    {
        var org = organisation.CurrentValue;
        IEnumerable<string?> all =
        [
            t["Beste {0},", name],
            string.Empty,
            .. lines,
            string.Empty,
            $"{t["Vragen? Bel ons op"]} {org.Phone} {t["of mail naar"]} {org.Email}.",
            _store is { } store ? StoreLine(store) : null,
            string.Empty,
            t["Met vriendelijke groet,"],
            signedBy,
            org.Name,
        ];
        return string.Join("\n", all.OfType<string>());
    }

    /// <summary>"Of kom langs bij KlantCentraal Utrecht, Oudegracht 100 (030-1234567): maandag–vrijdag 09:00–18:00, …".</summary>
    private string StoreLine(Store store)
    {
        var where = string.Join(", ", new[] { store.Name, store.Address }.OfType<string>());
        var phone = store.Phone is { } p ? $" ({p})" : string.Empty;
        return store.IsClosed ? t["Uw klacht was bij {0}.", store.Name] : t["Of kom langs bij {0}{1}: {2}.", where, phone, formats.Hours(store.OpeningHours)];
    }

    private static CultureInfo CultureFor(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(string.IsNullOrEmpty(name) ? "nl-NL" : name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("nl-NL");
        }
    }
}
