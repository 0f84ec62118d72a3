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

    /// <summary>
    /// Set when the customer is erased: the next mailbox round deletes and expunges the e-mail from the mail server,
    /// then keeps only a hash of its key (still enough to never import it twice).
    /// </summary>
    public DateTime? EraseRequestedAt { get; set; }

    /// <summary>The key of an e-mail that is gone from the server: a hash, so no address stays behind.</summary>
    public const string ErasedPrefix = "erased:";

    /// <summary>What <paramref name="key"/> becomes once its customer is erased: still recognised, never read back.</summary>
    public static string ErasedKey(string key) =>
        ErasedPrefix + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
