using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Customers;

public class ManagerTrustFlags(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_manager_sets_and_lifts_a_flag_with_a_reason_and_both_are_on_the_customers_history()
    {
        var id = await CustomerAsync();
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var page = $"/Manager/Customer/{id}";

        var set = await manager.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = "Drie keer betrapt op winkeldiefstal" }, $"{page}?handler=Flag");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.TrustFlagReason != null).SingleAsync()));

        var lifted = await manager.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = "Twee jaar zonder incident" }, $"{page}?handler=Lift");
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);

        var html = await manager.GetHtmlAsync(page);
        Assert.Contains("Vertrouwensmarkering gezet — Daan: Drie keer betrapt op winkeldiefstal", html);
        Assert.Contains("Vertrouwensmarkering opgeheven — Daan: Twee jaar zonder incident", html);
        Assert.Contains("Deze klant heeft geen vertrouwensmarkering.", html);
    }

    [Fact]
    public async Task A_flag_without_a_reason_is_refused_with_a_message()
    {
        var id = await CustomerAsync();
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var page = $"/Manager/Customer/{id}";

        var response = await manager.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = "  " }, $"{page}?handler=Flag");

        Assert.Contains("Schrijf de reden op", await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.TrustFlagReason != null).SingleAsync()));
    }

    [Fact]
    public async Task The_desk_cannot_set_a_flag()
    {
        var id = await CustomerAsync();
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.GetAsync($"/Manager/Customer/{id}");

        Assert.Contains("AccessDenied", response.Location());
    }

    private async Task<int> CustomerAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"flag.{Guid.NewGuid():N}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
        return await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
    }
}
