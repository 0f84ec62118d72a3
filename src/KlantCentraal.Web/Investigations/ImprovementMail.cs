using KlantCentraal.Domain;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Investigations;

/// <summary>Tells every linked customer with an e-mail address what was improved thanks to their complaint.</summary>
public sealed class ImprovementMail(Mailer mailer, IStringLocalizer<SharedResource> t, IOptionsSnapshot<OrganisationOptions> organisation)
{
    /// <summary>Sends one e-mail per customer; returns how many went out.</summary>
    public async Task<int> SendAsync(RootCauseInvestigation investigation, string lookupUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        var org = organisation.Value;
        var sent = 0;
        foreach (var complaint in investigation.Complaints.Where(c => c.Customer?.Email is not null).DistinctBy(c => c.Customer!.Email))
        {
            var body = string.Join(
                "\n",
                t["Beste {0},", complaint.Customer!.Name],
                string.Empty,
                t["U meldde ons eerder een klacht over {0}. We hebben uitgezocht hoe het kwam. Dit hebben we verbeterd:", complaint.ProductName],
                string.Empty,
                investigation.ImprovementText ?? string.Empty,
                string.Empty,
                t["Dank u wel: dankzij uw melding gebeurt dit niet meer."],
                t["Volg uw klacht op {0} met deze volgcode en uw postcode of e-mailadres.", lookupUrl],
                $"{t["Uw volgcode"]}: {complaint.TrackingCodeDisplay}",
                string.Empty,
                t["Met vriendelijke groet,"],
                investigation.OwnerName ?? org.Name,
                org.Name);
            if (await mailer.SendAsync(complaint.Customer.Email!, complaint.Customer.Name, t["Wat we verbeterden dankzij uw klacht {0}", complaint.TrackingCodeDisplay], body, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }
}
