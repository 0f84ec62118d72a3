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
    int? StoreId = null);
