namespace KlantCentraal.Web.Tests;

/// <summary>A valid online complaint form (/Complain) as a customer sends it.</summary>
internal static class OnlineForm
{
    public static Dictionary<string, string> Valid(string email, string product = "Stofzuiger") => new()
    {
        ["Input.SubmissionId"] = Guid.NewGuid().ToString(),
        ["Input.Website"] = "",
        ["Input.CustomerName"] = "Lotte Visser",
        ["Input.Email"] = email,
        ["Input.Phone"] = "",
        ["Input.Postcode"] = "2511 CV",
        ["Input.ProductName"] = product,
        ["Input.ArticleNumber"] = "",
        ["Input.Category"] = "ProductDefect",
        ["Input.PurchaseDate"] = "",
        ["Input.PurchasePlace"] = "",
        ["Input.Receipt"] = "Unknown",
        ["Input.Description"] = "Zuigt niet meer na een week.",
        ["Input.DesiredOutcome"] = "Replacement",
    };
}
