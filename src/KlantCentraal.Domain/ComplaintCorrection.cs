namespace KlantCentraal.Domain;

/// <summary>The descriptive fields of a complaint that the desk may correct afterwards.</summary>
public sealed record ComplaintCorrection(
    Channel Channel,
    ComplaintCategory Category,
    string ProductName,
    string? ArticleNumber,
    DateOnly? PurchaseDate,
    string? PurchasePlace,
    ReceiptStatus Receipt,
    string Description);
