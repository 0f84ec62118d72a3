namespace KlantCentraal.Domain;

/// <summary>Who wrote a message: the customer (in) or the organisation (out).</summary>
public enum MessageDirection
{
    FromCustomer,
    ToCustomer,
}

/// <summary>How a message travelled.</summary>
public enum MessageChannel
{
    Email,
    StatusPage,
    Desk,
    Api,
}

/// <summary>Where the conversation about a complaint stands.</summary>
public enum ConversationState
{
    /// <summary>No message yet, or nothing unanswered.</summary>
    Quiet,

    /// <summary>The customer wrote and nobody answered yet ("wacht op ons").</summary>
    WaitingOnUs,

    /// <summary>We answered; the next turn is the customer's ("wacht op klant").</summary>
    WaitingOnCustomer,
}

/// <summary>
/// One turn in the conversation about a complaint: from the customer (by e-mail or the status page) or to the
/// customer (from the desk). Every message names who wrote it ("Say who you are"). Attachments are stored apart,
/// by the web layer, so lists never read their bytes.
/// </summary>
public sealed class ComplaintMessage
{
    public const int BodyMaxLength = 10_000;

    /// <summary>An e-mail's text fitted to a message: longer than <see cref="BodyMaxLength"/>, it is cut and says so.</summary>
    public static string FitEmailBody(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > BodyMaxLength ? text[..(BodyMaxLength - 20)] + "\n(ingekort)" : text;
    }
    public const int EmailMessageIdMaxLength = 300;

    /// <summary>
    /// The rule for a message's words, wherever it is written (the desk's reply, the status page, the API): at most
    /// <see cref="BodyMaxLength"/> characters once trimmed, and empty only when files carry the message.
    /// </summary>
    public static DomainError? ProblemWith(string? body, bool withFiles)
    {
        var length = body?.Trim().Length ?? 0;
        return length == 0 && !withFiles ? DomainError.MessageEmpty
            : length > BodyMaxLength ? DomainError.TextTooLong
            : null;
    }

    private ComplaintMessage()
    {
        AuthorName = string.Empty;
        Body = string.Empty;
    }

    internal ComplaintMessage(MessageDirection direction, MessageChannel channel, string authorName, string? authorStaffId, string body, DateTime at, string? emailMessageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorName);
        var text = body?.Trim() ?? string.Empty;
        if (text.Length > BodyMaxLength)
        {
            throw new DomainException(DomainError.TextTooLong, $"A message has at most {BodyMaxLength} characters.", BodyMaxLength);
        }

        if (emailMessageId is { Length: > EmailMessageIdMaxLength })
        {
            throw new ArgumentException("The Message-ID is too long.", nameof(emailMessageId));
        }

        Direction = direction;
        Channel = channel;
        AuthorName = authorName.Trim();
        AuthorStaffId = authorStaffId;
        Body = text;
        At = at;
        EmailMessageId = emailMessageId;
    }

    public int Id { get; private set; }

    public int ComplaintId { get; private set; }

    public MessageDirection Direction { get; private set; }

    public MessageChannel Channel { get; private set; }

    /// <summary>The first name of the staff member, or the customer's name.</summary>
    public string AuthorName { get; private set; }

    public string? AuthorStaffId { get; private set; }

    /// <summary>Plain text, never HTML.</summary>
    public string Body { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The e-mail's Message-ID: ours for a reply we sent (so answers thread), the sender's for one that came in.</summary>
    public string? EmailMessageId { get; private set; }

    public bool IsFromCustomer => Direction == MessageDirection.FromCustomer;

    internal void RemovePersonalData()
    {
        Body = Complaint.RemovedText;
        if (IsFromCustomer)
        {
            AuthorName = Customer.AnonymousName;
        }
    }
}
