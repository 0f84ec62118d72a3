namespace KlantCentraal.Web.Tests.Reporting;

public class DashboardProductNames(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_product_not_yet_grouped_into_an_investigation_is_shown_as_typed_not_in_lower_case()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        await desk.PostFormAsync("/Desk", DeskForm.Valid(product: "Philips HD9350 Waterkoker"));
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var products = await manager.GetStringAsync("/Manager/Dashboard?handler=Csv&table=products");

        Assert.Contains("Philips HD9350 Waterkoker;1;24,95;", products);
        Assert.DoesNotContain("philips hd9350 waterkoker", products);
    }
}
