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
    public async Task The_hint_names_the_customer_the_desk_s_save_then_updates_the_e_mail_address_before_the_phone()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var phone = $"06 {Random.Shared.Next(10_000_000, 99_999_999)}";
        var email = $"jet.{Guid.NewGuid():N}@example.nl";
        // Older record: the same phone number; newer record: the same e-mail address.
        await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.CustomerName", "Anna Bos").With("Input.Phone", phone));
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.CustomerName", "Jet Visser"));

        var hint = System.Net.WebUtility.HtmlDecode(await desk.GetStringAsync($"/Desk?handler=Known&email={Uri.EscapeDataString(email)}&phone={Uri.EscapeDataString(phone)}"));
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Strijkijzer").With("Input.CustomerName", "Jet Visser").With("Input.Phone", phone))).TrackingCode();

        Assert.Contains("Dit is Jet Visser", hint);
        var savedFor = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Customer!.Email)));
        Assert.Equal(email, savedFor);
    }

    [Fact]
    public async Task Nobody_but_the_desk_can_ask()
    {
        var anonymous = await factory.CreateBrowserlessClient().GetAsync("/Desk?handler=Known&email=a@example.nl");

        Assert.Contains("/Account/Login", anonymous.Location());
    }
}
