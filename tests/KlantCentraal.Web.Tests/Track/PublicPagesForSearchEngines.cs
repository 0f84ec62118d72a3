using System.Net;

namespace KlantCentraal.Web.Tests.Track;

public class PublicPagesForSearchEngines(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Track")]
    [InlineData("/Complain")]
    public async Task Every_public_page_has_its_own_description_and_may_be_indexed(string page)
    {
        var html = await factory.CreateBrowserlessClient().GetHtmlAsync(page);

        Assert.Matches("<meta name=\"description\" content=\"[^\"]{50,}\" />", html);
        Assert.DoesNotContain("noindex", html);
    }

    [Fact]
    public async Task Robots_txt_keeps_token_carrying_and_staff_pages_out_of_search_engines()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Disallow: /Track/", text);
        Assert.Contains("Disallow: /Desk", text);
        Assert.Contains("Allow: /Complain$", text);
    }

    [Fact]
    public async Task A_status_page_is_never_indexed()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var customer = factory.CreateBrowserlessClient();
        var lookup = await customer.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012 AB" });

        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\" />", await customer.GetHtmlAsync(lookup.Location()));
    }
}
