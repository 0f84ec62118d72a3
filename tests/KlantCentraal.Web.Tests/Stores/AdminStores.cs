using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Stores;

public class AdminStores(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Bad_input_gets_a_message_at_each_field_and_nothing_is_stored()
    {
        var admin = await AdminAsync();

        var response = await admin.PostFormAsync("/Admin/Store", new Dictionary<string, string>
        {
            ["Input.Code"] = "UTR 01",
            ["Input.Name"] = "",
            ["Input.City"] = "Utrecht",
            ["Input.Email"] = "geen-adres",
            ["Input.MonthlyBudget"] = "veel",
            ["Input.Hours[0]"] = "",
            ["Input.Hours[1]"] = "",
            ["Input.Hours[2]"] = "",
            ["Input.Hours[3]"] = "",
            ["Input.Hours[4]"] = "18:00-09:00",
        });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("vrijdag: schrijf de openingstijd als 09:00-18:00", html);
        Assert.Contains("Vul een bedrag in euro's in, zoals 2.500,00, of laat het leeg.", html);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Stores.CountAsync()));

        var second = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/Admin/Store", new Dictionary<string, string> { ["Input.Code"] = "UTR 01", ["Input.Name"] = "", ["Input.City"] = "Utrecht", ["Input.Email"] = "geen-adres" })).Content.ReadAsStringAsync());
        Assert.Contains("De winkelcode bestaat uit 1 tot 20 letters, cijfers of streepjes, zoals UTR-01.", second);
        Assert.Contains("Vul de naam van de winkel in.", second);
        Assert.Contains("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl, of laat het leeg.", second);
    }

    [Fact]
    public async Task A_code_that_is_taken_is_refused()
    {
        var admin = await AdminAsync();

        var response = await admin.PostFormAsync("/Admin/Store", new Dictionary<string, string> { ["Input.Code"] = "utr-01", ["Input.Name"] = "Tweede Utrecht", ["Input.City"] = "Utrecht" });

        Assert.Contains("Er is al een winkel met code UTR-01.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Closing_a_store_asks_about_its_open_complaints_moves_them_keeps_its_history_and_stops_offering_it()
    {
        var admin = await AdminAsync();
        var created = await admin.PostFormAsync("/Admin/Store", new Dictionary<string, string> { ["Input.Code"] = "LEI-01", ["Input.Name"] = "KlantCentraal Leiden", ["Input.City"] = "Leiden", ["Input.Hours[0]"] = "9-17" });
        var leiden = int.Parse(created.Location().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var deskEmail = await TestStaff.CreateAsync(factory.Services, Web.Identity.Roles.ServiceDesk, "LEI-01");
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(deskEmail);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();

        var page = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Store/{leiden}"));
        Assert.Contains("Deze winkel heeft 1 klacht(en) die nog niet zijn afgerond. Wat gebeurt ermee?", page);

        var utrecht = await TestStaff.StoreIdAsync(factory, "UTR-01");
        var closed = await admin.PostFormAsync($"/Admin/Store/{leiden}", new Dictionary<string, string> { ["MoveTo"] = utrecht.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/Admin/Store/{leiden}?handler=Close");

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var complaint = await factory.WithDbAsync(db => db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(utrecht, complaint.StoreId);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.StoreChanged && e.Detail == "UTR-01");
        Assert.NotNull(await factory.WithDbAsync(db => db.Stores.Where(s => s.Id == leiden).Select(s => s.ClosedAt).SingleAsync()));
        Assert.DoesNotContain("LEI-01", await factory.CreateBrowserlessClient().GetHtmlAsync("/Complain"));
        Assert.Contains("Winkel LEI-01 is gesloten; 1 open klacht(en) zijn verplaatst naar KlantCentraal Utrecht (Utrecht).", WebUtility.HtmlDecode(await admin.GetHtmlAsync(closed.Location())));
    }

    [Fact]
    public async Task An_administrator_assigns_a_staff_member_to_stores_and_must_pick_at_least_one()
    {
        var admin = await AdminAsync();
        var email = await TestStaff.CreateAsync(factory.Services, Web.Identity.Roles.ServiceDesk);
        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var rotterdam = await TestStaff.StoreIdAsync(factory, "RTM-01");

        var none = await admin.PostFormAsync($"/Admin/StaffMember/{id}", new Dictionary<string, string>(), $"/Admin/StaffMember/{id}?handler=Stores");
        Assert.Contains("Kies minstens één winkel", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()));

        var saved = await admin.PostFormAsync($"/Admin/StaffMember/{id}", new Dictionary<string, string> { ["StoreIds"] = rotterdam.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/Admin/StaffMember/{id}?handler=Stores");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.AllStores).SingleAsync()));
        Assert.Equal([rotterdam], await factory.WithDbAsync(db => db.StoreMemberships.Where(m => m.StaffUserId == id).Select(m => m.StoreId).ToListAsync()));
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(email);
        Assert.Contains("Winkel: KlantCentraal Rotterdam", WebUtility.HtmlDecode(await desk.GetHtmlAsync("/Desk")));
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        return admin;
    }
}
