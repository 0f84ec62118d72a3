using KlantCentraal.Web.Conversations;

namespace KlantCentraal.Web.Pages.Shared;

/// <summary>What the conversation partial shows, and where its attachments open (staff or the customer's token link).</summary>
public sealed record ConversationModel(ConversationView View, string LinkFormat)
{
    public string Link(int attachmentId, bool thumbnail = false)
    {
        var link = string.Format(System.Globalization.CultureInfo.InvariantCulture, LinkFormat, attachmentId);
        return thumbnail ? link + (link.Contains('?', StringComparison.Ordinal) ? "&thumb=true" : "?thumb=true") : link;
    }
}
