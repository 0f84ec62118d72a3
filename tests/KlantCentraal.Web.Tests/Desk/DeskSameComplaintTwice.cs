using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

public class DeskSameComplaintTwice(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task The_same_customer_and_product_moments_later_asks_before_a_second_complaint_is_stored()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"pieter.{Guid.NewGuid():N}@example.nl";
        var first = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.CustomerName", "Pieter de Graaf"))).TrackingCode();

        // Browser Back and send again: a new submission id, the same customer (typed in other capitals) and product.
        var again = DeskForm.Valid(email.ToUpperInvariant()).With("Input.CustomerName", "Pieter de Graaf");
        var asked = await desk.PostFormAsync("/Desk", again);

        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Matches("Pieter heeft \\d+ seconden geleden al een klacht over dit product", html);
        Assert.Contains($"href=\"/Desk/Complaint/{first}\"", html);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == email)));

        var confirmed = await desk.PostFormAsync("/Desk", again.With("Input.SameComplaintConfirmed", "true"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == email)));
    }

    [Fact]
    public async Task Another_product_for_the_same_customer_is_stored_without_asking()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"twee.{Guid.NewGuid():N}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email));

        var second = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster"));

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }
}
