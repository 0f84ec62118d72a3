namespace KlantCentraal.Domain;

/// <summary>What the customer reported. Validated by <see cref="Complaint.Record"/>.</summary>
public sealed record ComplaintDetails(
    Channel Channel,
    ComplaintCategory Category,
    string ProductName,
    string? ArticleNumber,
    DateOnly? PurchaseDate,
    string? PurchasePlace,
    ReceiptStatus Receipt,
    string Description,
    ResolutionType DesiredOutcome);
