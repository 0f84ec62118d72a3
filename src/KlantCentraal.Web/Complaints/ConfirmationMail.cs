using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Complaints;

/// <summary>The confirmation e-mail to a customer whose e-mail address is known: code, what was agreed, who helped.</summary>
public sealed class ConfirmationMail(
    AppDbContext db,
    Mailer mailer,
    Formats formats,
    IStringLocalizer<SharedResource> t,
    IOptionsSnapshot<OrganisationOptions> organisation)
{
    /// <summary>Confirms an online complaint at once: received, the tracking code, and when we will respond.</summary>
    public async Task<bool?> SendReceivedAsync(string trackingCode, string lookupUrl, DateOnly respondBy, CancellationToken cancellationToken)
    {
        var complaint = await LoadAsync(trackingCode, cancellationToken);
        if (complaint?.Customer?.Email is not { } email)
        {
            return null;
        }

        var body = Letter(
            complaint.Customer.Name,
            [
                t["We hebben uw klacht over {0} goed ontvangen. U hoeft niets meer te doen.", complaint.ProductName],
                t["Wij nemen uiterlijk {0} contact met u op en lossen het dan direct op.", formats.Date(respondBy)],
                string.Empty,
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
            ],
            signedBy: null);
        return await mailer.SendAsync(email, complaint.Customer.Name, t["We hebben uw klacht {0} ontvangen", complaint.TrackingCodeDisplay], body, cancellationToken);
    }

    /// <summary>Sends the confirmation. Returns null when the customer has no e-mail address, else whether it went out.</summary>
    public async Task<bool?> SendAsync(string trackingCode, string lookupUrl, CancellationToken cancellationToken)
    {
        var complaint = await LoadAsync(trackingCode, cancellationToken);
        if (complaint?.Customer?.Email is not { } email || complaint.Resolution is not { } resolution)
        {
            return null;
        }

        var body = Letter(
            complaint.Customer.Name,
            [
                t["Bedankt dat u uw klacht aan ons meldde. Wij hebben het direct opgelost."],
                string.Empty,
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                $"{t["Product"]}: {complaint.ProductName}",
                $"{t["Wat u kreeg"]}: {formats.Received(resolution)}",
                t["U werd geholpen door {0}.", resolution.GrantedByName],
                string.Empty,
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
            ],
            signedBy: resolution.GrantedByName);
        return await mailer.SendAsync(email, complaint.Customer.Name, t["Uw klacht {0} is opgelost", complaint.TrackingCodeDisplay], body, cancellationToken);
    }

    /// <summary>The frame of both confirmations: greeting, the text, how to reach us, and the signature.</summary>
    private string Letter(string name, IEnumerable<string> lines, string? signedBy)
    {
        var org = organisation.Value;
        IEnumerable<string?> all =
        [
            t["Beste {0},", name],
            string.Empty,
            .. lines,
            string.Empty,
            $"{t["Vragen? Bel ons op"]} {org.Phone} {t["of mail naar"]} {org.Email}.",
            string.Empty,
            t["Met vriendelijke groet,"],
            signedBy,
            org.Name,
        ];
        return string.Join("\n", all.OfType<string>());
    }

    private Task<Domain.Complaint?> LoadAsync(string trackingCode, CancellationToken cancellationToken) =>
        db.Complaints.AsNoTracking().Include(c => c.Customer).FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
}
