namespace KlantCentraal.Web.Tests.Desk;

public class DeskSearchIgnoresCaseAndAccents(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("özlem çelik")]
    [InlineData("ozlem celik")]
    [InlineData("OZLEM")]
    [InlineData("Çelik")]
    public async Task The_customer_search_and_the_complaint_list_find_a_name_in_any_case_with_or_without_accents(string typed)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"ozlem.{Guid.NewGuid():N}@example.nl";
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.CustomerName", "Özlem Çelik"))).TrackingCode();

        var matches = System.Net.WebUtility.HtmlDecode(await desk.GetStringAsync($"/Desk?handler=Customers&q={Uri.EscapeDataString(typed)}"));
        var list = await desk.GetHtmlAsync($"/Desk/Complaints?q={Uri.EscapeDataString(typed)}");

        Assert.Contains(email, matches);
        Assert.Contains(Domain.TrackingCode.Parse(code).Display, list);
    }
}
