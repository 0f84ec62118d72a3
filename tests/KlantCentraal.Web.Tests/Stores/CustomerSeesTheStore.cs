using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Stores;

public class CustomerSeesTheStore(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task The_online_form_offers_the_open_stores_and_keeps_the_customers_choice()
    {
        var customer = factory.CreateBrowserlessClient();
        var email = $"store.{Guid.NewGuid():N}@example.nl";
        Assert.Contains("value=\"AMS-01\"", await customer.GetHtmlAsync("/Complain"));

        var response = await customer.PostFormAsync("/Complain", OnlineForm.Valid(email).With("Input.StoreCode", "ams-01"));

        Assert.Equal("/Complain/Sent", response.Location());
        Assert.Equal(await TestStaff.StoreIdAsync(factory, "AMS-01"), await factory.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.StoreId).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_store_in_a_crafted_form_gets_a_message_and_nothing_is_stored()
    {
        var customer = factory.CreateBrowserlessClient();
        var email = $"crafted.{Guid.NewGuid():N}@example.nl";

        var response = await customer.PostFormAsync("/Complain", OnlineForm.Valid(email).With("Input.StoreCode", "NOPE-99"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kies een winkel uit de lijst", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Customers.AnyAsync(c => c.Email == email)));
    }

    [Fact]
    public async Task The_status_page_names_the_store_with_its_phone_and_opening_hours_in_the_readers_language()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var customer = factory.CreateBrowserlessClient();
        var lookup = await customer.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012 AB" });

        var dutch = WebUtility.HtmlDecode(await customer.GetHtmlAsync(lookup.Location()));
        await customer.GetAsync("/culture/en-GB?returnUrl=%2F");
        var english = WebUtility.HtmlDecode(await customer.GetHtmlAsync(lookup.Location()));

        Assert.Contains("U werd geholpen door Sanne bij KlantCentraal Utrecht op", dutch);
        Assert.Contains("030-1234567", dutch);
        Assert.Contains("<dt>zaterdag</dt>", dutch);
        Assert.Contains("<dd>10:00–17:00</dd>", dutch);
        Assert.Contains("<dt>zondag</dt>", dutch);
        Assert.Contains("<dd>gesloten</dd>", dutch);
        Assert.Contains("You were helped by Sanne at KlantCentraal Utrecht on", english);
        Assert.Contains("<dt>Saturday</dt>", english);
        Assert.Contains("<dd>closed</dd>", english);
    }

    [Fact]
    public async Task The_api_lists_the_stores_takes_a_store_code_and_gives_it_back()
    {
        var (_, key) = await TestApiKeys.CreateAsync(factory.Services);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        var stores = await api.GetFromJsonAsync<JsonElement>("/api/v1/stores");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints")
        {
            Content = JsonContent.Create(new { customerName = "Bram Smit", email = $"bram.{Guid.NewGuid():N}@example.nl", productName = "Koptelefoon", description = "Eén kant doet het niet.", storeCode = "rtm-01" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var created = await api.SendAsync(request);
        var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints")
        {
            Content = JsonContent.Create(new { customerName = "Bram Smit", email = "bram@example.nl", productName = "Koptelefoon", description = "Eén kant doet het niet.", storeCode = "XYZ-1" }),
        };
        unknown.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var refused = await api.SendAsync(unknown);

        Assert.Contains(stores.EnumerateArray(), s => s.GetProperty("code").GetString() == "UTR-01" && s.GetProperty("openingHours").GetString()!.StartsWith("mo=09:00-18:00", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("RTM-01", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storeCode").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("storeCode", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/stores")).StatusCode);
    }
}
