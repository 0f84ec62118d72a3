using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Stores;

public class StoreBudget(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Above_the_stores_monthly_budget_the_refund_is_still_granted_with_a_managers_co_signature()
    {
        await SetUtrechtBudgetAsync("100,00");
        var sanne = factory.CreateBrowserlessClient();
        await sanne.SignInAsync(Accounts.Desk);
        await sanne.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "80,00"));
        Assert.Contains("Goodwillbudget KlantCentraal Utrecht deze maand: € 80,00 van € 100,00 gebruikt, nog € 20,00 over.", WebUtility.HtmlDecode(await sanne.GetHtmlAsync("/Desk")));

        var form = DeskForm.Valid().With("Input.Amount", "50,00");
        var asked = await sanne.PostFormAsync("/Desk", form);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("het goodwillbudget van KlantCentraal Utrecht voor deze maand (€ 100,00, al € 80,00 gebruikt) is niet genoeg voor € 50,00", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()));
        var submission = Guid.Parse(form["Input.SubmissionId"]);
        Assert.False(await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.SubmissionId == submission)));

        var signed = await sanne.PostFormAsync("/Desk", form.With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword));

        var code = signed.TrackingCode();
        var resolution = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Resolution!).SingleAsync());
        Assert.Equal("Daan", resolution.CoSignedByName);
        Assert.Equal(CoSignReason.StoreBudgetExceeded, resolution.CoSignReasons);
    }

    [Fact]
    public async Task A_store_without_a_budget_never_asks_for_one()
    {
        var milan = factory.CreateBrowserlessClient();
        await milan.SignInAsync(Accounts.StoresDesk);
        await milan.PostFormAsync("/Desk/Store", new Dictionary<string, string> { ["Code"] = "RTM-01" });

        var desk = WebUtility.HtmlDecode(await milan.GetHtmlAsync("/Desk"));
        var recorded = await milan.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "140,00"));

        Assert.DoesNotContain("Goodwillbudget", desk);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
    }

    [Fact]
    public async Task A_stores_own_co_sign_limit_applies_at_its_desk()
    {
        var milan = factory.CreateBrowserlessClient();
        await milan.SignInAsync(Accounts.StoresDesk);
        await milan.PostFormAsync("/Desk/Store", new Dictionary<string, string> { ["Code"] = "RTM-01" });

        // Rotterdam's own limit is € 150 (the organisation's is € 250).
        var asked = await milan.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "160,00"));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("het bedrag is hoger dan € 150,00", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Moving_a_resolved_complaint_to_another_store_leaves_its_goodwill_on_the_budget_of_the_store_that_granted_it()
    {
        await SetBudgetAsync("AMS-01", "KlantCentraal Amsterdam", "Amsterdam", "300,00");
        var milan = factory.CreateBrowserlessClient();
        await milan.SignInAsync(Accounts.StoresDesk);
        await milan.PostFormAsync("/Desk/Store", new Dictionary<string, string> { ["Code"] = "AMS-01" });
        var first = (await milan.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "200,00"))).TrackingCode();

        var moved = await milan.PostFormAsync($"/Desk/Complaint/{first}", new Dictionary<string, string> { ["storeCode"] = "RTM-01" }, $"/Desk/Complaint/{first}?handler=Store");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var second = DeskForm.Valid().With("Input.Amount", "200,00");
        var asked = await milan.PostFormAsync("/Desk", second);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("het goodwillbudget van KlantCentraal Amsterdam voor deze maand (€ 300,00, al € 200,00 gebruikt) is niet genoeg voor € 200,00", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()));
        var submission = Guid.Parse(second["Input.SubmissionId"]);
        Assert.False(await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.SubmissionId == submission)));
        Assert.Contains("Goodwillbudget KlantCentraal Amsterdam deze maand: € 200,00 van € 300,00 gebruikt", WebUtility.HtmlDecode(await milan.GetHtmlAsync("/Desk")));
    }

    private Task SetUtrechtBudgetAsync(string euros) => SetBudgetAsync("UTR-01", "KlantCentraal Utrecht", "Utrecht", euros);

    private async Task SetBudgetAsync(string code, string name, string city, string euros)
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var id = await TestStaff.StoreIdAsync(factory, code);
        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = name,
            ["Input.City"] = city,
            ["Input.MonthlyBudget"] = euros,
            ["Input.Hours[0]"] = "09:00-18:00",
        };
        var saved = await admin.PostFormAsync($"/Admin/Store/{id}", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
