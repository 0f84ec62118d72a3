namespace KlantCentraal.Web.Conversations;

/// <summary>What became of an e-mail the inbox worker read.</summary>
public enum InboundOutcome
{
    NewComplaint,
    MessageOnComplaint,
    Ignored,
    Bounce,
}

/// <summary>
/// One e-mail read from the mailbox, by its Message-ID (or a hash of its content when it has none). The unique key
/// makes importing exactly-once: the message is moved to the processed folder only after this row is committed,
/// and a crash between the two finds the row next time and only moves the message.
/// </summary>
public sealed class InboundEmail
{
    public const int KeyMaxLength = 300;

    public int Id { get; set; }

    public string Key { get; set; } = string.Empty;

    public DateTime ReceivedAt { get; set; }

    public InboundOutcome Outcome { get; set; }

    public int? ComplaintId { get; set; }
}
