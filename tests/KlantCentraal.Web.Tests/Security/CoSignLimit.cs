using System.Net;
using KlantCentraal.Domain;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Findings 4 and 15: the co-sign limit counts the customer's recent goodwill, and large amounts need two managers.</summary>
public class CoSignLimit(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_second_refund_of_250_within_30_days_asks_a_manager_and_says_why()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"split.{Guid.NewGuid():N}@example.nl";
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.Amount", "250"))).StatusCode);

        var second = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster").With("Input.Amount", "250"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());
        Assert.Contains("€ 250,00 in de afgelopen 30 dagen + € 250,00 nu is meer dan € 250,00", html);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == email)));
    }

    [Fact]
    public async Task Online_submissions_with_one_email_address_share_the_window_so_the_split_is_seen_from_the_inbox()
    {
        var email = $"online.split.{Guid.NewGuid():N}@example.nl";
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.Amount", "200"))).StatusCode);
        await factory.CreateBrowserlessClient().PostFormAsync("/Complain", OnlineForm.Valid(email));
        var code = await factory.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email && c.Status == ComplaintStatus.Received).Select(c => c.TrackingCode).SingleAsync());

        var resolve = await desk.PostFormAsync($"/Desk/Resolve/{code.Value}", new Dictionary<string, string>
        {
            ["Input.ResolutionType"] = "Refund",
            ["Input.Amount"] = "100",
            ["Input.RefundMethod"] = "Cash",
        });

        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Contains("€ 200,00 in de afgelopen 30 dagen + € 100,00 nu", WebUtility.HtmlDecode(await resolve.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Above_the_second_limit_one_manager_is_not_enough_and_two_different_managers_are()
    {
        var second = await SecondManagerAsync();
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Manager);
        var form = DeskForm.Valid().With("Input.Amount", "3000");

        var alone = await desk.PostFormAsync("/Desk", form);

        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        var html = await alone.Content.ReadAsStringAsync();
        Assert.Contains("Twee managers tekenen mee", WebUtility.HtmlDecode(html));
        Assert.Contains("data-testid=\"second-co-sign\"", html);

        var sameTwice = await desk.PostFormAsync("/Desk", form.With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", KlantCentraal.Web.Data.StartupSeeder.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, sameTwice.StatusCode);

        var both = await desk.PostFormAsync("/Desk", form.With("Input.SecondCoSignEmail", second).With("Input.SecondCoSignPassword", Password));

        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(both.TrackingCode())));
        Assert.Equal(("Daan", "Noor"), (stored.Resolution!.CoSignedByName, stored.Resolution.SecondCoSignedByName));
    }

    private const string Password = "Tweede-manager-wachtwoord-2026";

    private async Task<string> SecondManagerAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"noor.{Guid.NewGuid():N}@klantcentraal.test";
        var user = new StaffUser { UserName = email, Email = email, FirstName = "Noor", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Manager)).Succeeded);
        return email;
    }
}
