using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

public class DeskCorrections(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_correction_is_saved_and_lands_on_the_timeline_with_who_and_what()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var page = $"/Desk/Complaint/{code}";

        var response = await desk.PostFormAsync(page, Correction(await desk.GetHtmlAsync(page), "Waterkoker XL"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await desk.GetHtmlAsync(page);
        Assert.Contains("De correctie is opgeslagen en staat op de tijdlijn.", html);
        Assert.Contains("Gegevens gecorrigeerd — Sanne: Product", html);
        Assert.Equal("Waterkoker XL", await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.ProductName).SingleAsync()));
    }

    [Fact]
    public async Task The_second_of_two_people_correcting_at_once_gets_a_conflict_and_nothing_is_overwritten()
    {
        var sanne = factory.CreateBrowserlessClient();
        await sanne.SignInAsync(Accounts.Desk);
        var daan = factory.CreateBrowserlessClient();
        await daan.SignInAsync(Accounts.Manager);
        var code = (await sanne.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var page = $"/Desk/Complaint/{code}";
        var sannesForm = Correction(await sanne.GetHtmlAsync(page), "Waterkoker van Sanne");
        var daansForm = Correction(await daan.GetHtmlAsync(page), "Waterkoker van Daan");

        var first = await sanne.PostAsync(page, new FormUrlEncodedContent(sannesForm));
        var second = await daan.PostAsync(page, new FormUrlEncodedContent(daansForm));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("Iemand anders heeft deze klacht net gewijzigd.", html);
        Assert.Contains("value=\"Waterkoker van Daan\"", html);
        Assert.Contains("Waterkoker van Sanne", html);
        var stored = await factory.WithDbAsync(db => db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal("Waterkoker van Sanne", stored.ProductName);
        Assert.Single(stored.Timeline, e => e.Kind == TimelineEventKind.Corrected);
    }

    [Fact]
    public async Task An_empty_description_is_refused_with_a_message_and_nothing_changes()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var page = $"/Desk/Complaint/{code}";
        var form = Correction(await desk.GetHtmlAsync(page), "Iets anders");
        form["Input.Description"] = "";

        var response = await desk.PostAsync(page, new FormUrlEncodedContent(form));

        Assert.Contains("Beschrijf in een paar woorden wat er mis is.", await response.Content.ReadAsStringAsync());
        Assert.Equal("Waterkoker Deluxe", await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.ProductName).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/Desk/Complaint/{TrackingCode.New().Value}")).StatusCode);
    }

    private static Dictionary<string, string> Correction(string html, string productName)
    {
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html),
            ["Input.Version"] = version,
            ["Input.Channel"] = "Counter",
            ["Input.Category"] = "ProductDefect",
            ["Input.ProductName"] = productName,
            ["Input.ArticleNumber"] = "",
            ["Input.PurchaseDate"] = "",
            ["Input.PurchasePlace"] = "",
            ["Input.Receipt"] = "No",
            ["Input.Description"] = "Het deksel sluit niet en de waterkoker lekt.",
        };
    }
}
