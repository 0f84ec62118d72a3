namespace KlantCentraal.Web.Tests.Desk;

public class DeskRecognisesAKnownCustomerWhileTyping(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_known_email_or_phone_typed_for_a_new_customer_names_the_customer_and_offers_to_use_them()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"pieter.{Guid.NewGuid():N}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.CustomerName", "Pieter de Graaf").With("Input.Phone", "06 1234 5678"));

        var byEmail = await desk.GetStringAsync($"/Desk?handler=Known&email={Uri.EscapeDataString(email.ToUpperInvariant())}");
        var byPhone = await desk.GetStringAsync("/Desk?handler=Known&phone=0612345678");
        var unknown = await desk.GetStringAsync($"/Desk?handler=Known&email=nobody.{Guid.NewGuid():N}@example.nl");

        Assert.Contains("Dit is Pieter de Graaf, 1 eerdere klacht(en).", System.Net.WebUtility.HtmlDecode(byEmail));
        Assert.Contains("href=\"/Desk?customer=", byEmail);
        Assert.Contains("Dit is Pieter de Graaf", System.Net.WebUtility.HtmlDecode(byPhone));
        Assert.Equal(string.Empty, unknown.Trim());
    }

    [Fact]
    public async Task Nobody_but_the_desk_can_ask()
    {
        var anonymous = await factory.CreateBrowserlessClient().GetAsync("/Desk?handler=Known&email=a@example.nl");

        Assert.Contains("/Account/Login", anonymous.Location());
    }
}
