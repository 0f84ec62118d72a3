using KlantCentraal.Domain;
using MimeKit;

namespace KlantCentraal.Web.Conversations;

/// <summary>What kind of e-mail arrived: a customer's mail, an automatic one (auto-reply, list, no sender) or a bounce.</summary>
public enum InboundKind
{
    Mail,
    Automatic,
    Bounce,
}

/// <summary>
/// An e-mail as the import needs it, read once from the <see cref="MimeMessage"/> by <see cref="InboundMessageReader"/>:
/// who sent it (and whether our own mail server vouches for that address), its text, the files that passed the rules,
/// and what it refers to (the letters it answers, a tracking code in the subject, the letters a bounce returns).
/// </summary>
public sealed record InboundMessage(string Key, InboundKind Kind)
{
    /// <summary>The sender's normalised address; null: none.</summary>
    public string? Sender { get; init; }

    public string SenderName { get; init; } = string.Empty;

    /// <summary>Our mail server's topmost Authentication-Results header says the sender's domain passed (ADR 0015).</summary>
    public bool SenderVerified { get; init; }

    public string Subject { get; init; } = string.Empty;

    /// <summary>The text (plain, or HTML converted), with a line naming the attachments that were not accepted.</summary>
    public string Body { get; init; } = string.Empty;

    public IReadOnlyList<CheckedFile> Files { get; init; } = [];

    /// <summary>Its own Message-ID, when it fits the column; the desk's reply threads on it.</summary>
    public string? MessageId { get; init; }

    /// <summary>In-Reply-To and References: the Message-IDs of our letters it may answer.</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>A tracking code written in the subject.</summary>
    public TrackingCode? NamedCode { get; init; }

    /// <summary>A bounce: the Message-IDs of the letters it returns.</summary>
    public IReadOnlySet<string> Returned { get; init; } = new HashSet<string>();
}
