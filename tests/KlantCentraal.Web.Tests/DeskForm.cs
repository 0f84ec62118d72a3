namespace KlantCentraal.Web.Tests;

/// <summary>A valid desk form with a refund of € 24,95 for a customer without a receipt; tests change what matters.</summary>
internal static class DeskForm
{
    public static Dictionary<string, string> Valid(string? email = null, Guid? submissionId = null, string product = "Waterkoker Deluxe") => new()
    {
        ["Input.SubmissionId"] = (submissionId ?? Guid.NewGuid()).ToString(),
        ["Input.CustomerName"] = "Fatima el Amrani",
        ["Input.Email"] = email ?? $"fatima.{Guid.NewGuid():N}@example.nl",
        ["Input.Phone"] = "",
        ["Input.Postcode"] = "1012 AB",
        ["Input.Channel"] = "Counter",
        ["Input.Category"] = "ProductDefect",
        ["Input.ProductName"] = product,
        ["Input.ArticleNumber"] = "",
        ["Input.PurchaseDate"] = "",
        ["Input.PurchasePlace"] = "",
        ["Input.Receipt"] = "No",
        ["Input.Description"] = "Het deksel sluit niet en de waterkoker lekt.",
        ["Input.DesiredOutcome"] = "Refund",
        ["Input.ResolutionType"] = "Refund",
        ["Input.Amount"] = "24,95",
        ["Input.RefundMethod"] = "Cash",
        ["Input.ResolutionNote"] = "",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> form, string field, string value)
    {
        form[field] = value;
        return form;
    }
}
