using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 13: invisible or direction-flipping names and addresses without a real host are refused with a clear message.</summary>
public class NamesAndAddresses(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("\u200B\u200B\u200B", "Vul een naam in met letters.")]
    [InlineData("\uFEFF", "Vul een naam in met letters.")]
    [InlineData("Jan \u202Eesnaj", "Vul een naam in met letters.")]
    public async Task The_online_form_refuses_a_name_without_visible_letters_or_with_bidi_overrides_and_stores_nothing(string name, string message)
    {
        var email = $"naam.{Guid.NewGuid():N}@example.nl";
        var form = OnlineForm.Valid(email);
        form["Input.CustomerName"] = name;

        var response = await factory.CreateBrowserlessClient().PostFormAsync("/Complain", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.Customers.AnyAsync(c => c.Email == email)));
    }

    [Theory]
    [InlineData("x@[127.0.0.1]")]
    [InlineData("\"a b\"@example.nl")]
    [InlineData("a@-evil-.nl")]
    public async Task The_desk_refuses_an_email_address_without_a_real_host_name(string address)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(address));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", await response.Content.ReadAsStringAsync());
    }
}
