namespace KlantCentraal.Web.Mail;

public enum MailKind
{
    /// <summary>The desk recorded and resolved the complaint: what the customer got.</summary>
    Resolved,

    /// <summary>An online complaint came in: the tracking code and when we respond.</summary>
    Received,

    /// <summary>The investigation the complaint belongs to is fixed: what we improved.</summary>
    Improvement,

    /// <summary>The desk answered the customer: the reply itself, threaded by its Message-ID.</summary>
    Reply,

    /// <summary>The customer wrote to us on the status page: confirmation that it arrived.</summary>
    MessageReceived,

    /// <summary>The desk needs more time: the new date and why (issue 28).</summary>
    Extended,

    /// <summary>Finance paid the refund out: how much, on which day (issue 43).</summary>
    RefundPaid,
}

/// <summary>How to write to the customer: the link to the tracking page (from <see cref="Organisation.PublicLinks"/>) and the language of the screen they used.</summary>
public sealed record LetterContext(string LookupUrl, string Culture);

/// <summary>
/// A letter owed to a customer, written in the same transaction as what it confirms, so a crash or a mail
/// server that is away never loses it: the request sends it at once, and <see cref="MailOutbox"/> sends what
/// is still owed later. Only the kind and the complaint are stored; the text is written when it is sent.
/// </summary>
public sealed class OutgoingMail
{
    private OutgoingMail()
    {
        LookupUrl = string.Empty;
        Culture = string.Empty;
    }

    /// <summary>What <see cref="LastError"/> says of a letter that needed no sending (no e-mail address any more).</summary>
    public const string NothingToSend = "Nothing to send";

    public long Id { get; private set; }

    public MailKind Kind { get; private set; }

    public int ComplaintId { get; private set; }

    public Domain.Complaint? Complaint { get; private set; }

    /// <summary>The message this letter carries or confirms (replies and message receipts); no foreign key, like the letter's text it is read when sent.</summary>
    public int? MessageId { get; private set; }

    /// <summary>The letter's Message-ID (without angle brackets): answers thread to it, and a bounce names it.</summary>
    public string? EmailMessageId { get; private set; }

    /// <summary>When a bounce of this letter came back: the address did not take it.</summary>
    public DateTime? BouncedAt { get; private set; }

    public string LookupUrl { get; private set; }

    public string Culture { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Not to be sent before this moment: a claim's lease, or the wait after a failed attempt.</summary>
    public DateTime AvailableAt { get; private set; }

    public string? LeaseOwner { get; private set; }

    public int Attempts { get; private set; }

    public DateTime? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>This letter as the claim that just took it left it in the database.</summary>
    public OutgoingMail Claimed(string leaseOwner, DateTime leaseUntil)
    {
        LeaseOwner = leaseOwner;
        AvailableAt = leaseUntil;
        Attempts++;
        return this;
    }

    /// <summary>A bounce of this letter came back.</summary>
    public void MarkBounced(DateTime at) => BouncedAt ??= at;

    /// <summary>This letter as the update that recorded its sending left it in the database.</summary>
    public void MarkSent(DateTime at) => SentAt = at;

    /// <summary>
    /// A letter owed in bulk (the improvement letters to every customer of an investigation): claimed by nobody, due at
    /// once, for the outbox's worker of any instance — never sent inside the request that owes it (issue 42).
    /// </summary>
    public static OutgoingMail ForWorker(MailKind kind, Domain.Complaint complaint, LetterContext context, DateTime now, string emailMessageId)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(context);
        return new()
        {
            Kind = kind,
            Complaint = complaint,
            EmailMessageId = emailMessageId,
            LookupUrl = context.LookupUrl,
            Culture = context.Culture,
            CreatedAt = now,
            AvailableAt = now,
        };
    }

    /// <summary>A letter owed, already claimed by the outbox of the request that writes it, which sends it itself.</summary>
    public static OutgoingMail For(MailKind kind, Domain.Complaint complaint, LetterContext context, DateTime now, string leaseOwner, DateTime leaseUntil, string emailMessageId, int? messageId = null)
    {
        var owed = ForWorker(kind, complaint, context, now, emailMessageId);
        owed.MessageId = messageId;
        return owed.Claimed(leaseOwner, leaseUntil);
    }
}
