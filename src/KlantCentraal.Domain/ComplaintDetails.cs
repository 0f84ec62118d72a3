namespace KlantCentraal.Domain;

/// <summary>
/// What the customer reported. Validated by <see cref="Complaint.Record"/>. <paramref name="StoreId"/> is the store
/// where it happened: the desk's own store at the counter, the customer's choice online, null when not known.
/// </summary>
public sealed record ComplaintDetails(
    Channel Channel,
    ComplaintCategory Category,
    string ProductName,
    string? ArticleNumber,
    DateOnly? PurchaseDate,
    string? PurchasePlace,
    ReceiptStatus Receipt,
    string Description,
    ResolutionType DesiredOutcome,
    int? StoreId = null)
{
    /// <summary>
    /// A complaint from an e-mail that answers none of ours (issue 42: the inbound limits belong to the domain): its
    /// subject as the product, cut to <see cref="Complaint.ProductNameMaxLength"/>, its text as the description, cut to
    /// <see cref="Complaint.DescriptionMaxLength"/>; the category and the wish are the desk's to set.
    /// </summary>
    public static ComplaintDetails FromEmail(string subject, string description)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(description);
        return new(Channel.Email, ComplaintCategory.Other, Cut(subject, Complaint.ProductNameMaxLength), null, null, null, ReceiptStatus.Unknown, Cut(description, Complaint.DescriptionMaxLength), ResolutionType.Apology);
    }

    /// <summary>A text cut to <paramref name="max"/> characters.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..max];
    }
}
