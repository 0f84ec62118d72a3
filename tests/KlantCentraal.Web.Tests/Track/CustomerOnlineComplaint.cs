using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Track;

public class CustomerOnlineComplaint(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task An_online_complaint_is_confirmed_at_once_with_a_code_a_promised_date_and_an_email_and_waits_in_the_inbox()
    {
        var customer = factory.CreateBrowserlessClient();
        var email = $"lotte.{Guid.NewGuid():N}@example.nl";

        var response = await customer.PostFormAsync("/Complain", OnlineForm.Valid(email));

        Assert.Equal("/Complain/Sent", response.Location());
        var sent = await customer.GetHtmlAsync("/Complain/Sent");
        var refreshed = await customer.GetHtmlAsync("/Complain/Sent");
        var complaint = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Customer).SingleAsync(c => c.Customer!.Email == email));
        Assert.Equal(Channel.Web, complaint.Channel);
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Null(complaint.Resolution);
        Assert.Contains(complaint.TrackingCodeDisplay, sent);
        Assert.Contains(complaint.TrackingCodeDisplay, refreshed);
        Assert.Contains("Milan of een collega neemt uiterlijk", sent);
        Assert.Contains("data-print", sent);
        var statusLink = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(sent, "href=\"(/Track/Status\\?t=[^\"]+)\" data-testid=\"status-link\"").Groups[1].Value);
        Assert.Contains(complaint.ProductName, await customer.GetHtmlAsync(statusLink));
        Assert.Contains(Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText), m => m.Contains($"We hebben uw klacht {complaint.TrackingCodeDisplay} ontvangen", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.RootCauseQueue.AnyAsync(q => q.ComplaintId == complaint.Id)));

        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        Assert.Contains(complaint.TrackingCodeDisplay, await desk.GetHtmlAsync("/Desk/Inbox"));
    }

    [Fact]
    public async Task The_desk_resolves_it_from_the_inbox_and_the_investigation_is_queued()
    {
        var customer = factory.CreateBrowserlessClient();
        var email = $"inbox.{Guid.NewGuid():N}@example.nl";
        await customer.PostFormAsync("/Complain", OnlineForm.Valid(email));
        var code = await factory.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync());
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var page = await desk.GetHtmlAsync($"/Desk/Resolve/{code.Value}");
        Assert.Contains("value=\"Replacement\" checked=\"checked\"", page);
        var response = await desk.PostFormAsync($"/Desk/Resolve/{code.Value}", new Dictionary<string, string>
        {
            ["Input.ResolutionType"] = "Replacement",
            ["Input.Amount"] = "",
            ["Input.RefundMethod"] = "OriginalPayment",
            ["Input.ResolutionNote"] = "Nieuwe stofzuiger wordt morgen bezorgd",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var complaint = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.False(complaint.Resolution!.FirstContact);
        Assert.True(await factory.WithDbAsync(db => db.RootCauseQueue.AnyAsync(q => q.ComplaintId == complaint.Id)));
        Assert.DoesNotContain(code.Display, await desk.GetHtmlAsync("/Desk/Inbox"));
        Assert.Contains(Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText), m => m.Contains($"Uw klacht {code.Display} is opgelost", StringComparison.Ordinal));

        var again = await desk.GetAsync($"/Desk/Resolve/{code.Value}");
        Assert.Equal($"/Desk/Complaint/{code.Value}", again.Location());
    }

    [Fact]
    public async Task Bad_input_gets_clear_messages_keeps_what_was_typed_and_stores_nothing()
    {
        var customer = factory.CreateBrowserlessClient();
        var product = $"Lamp {Guid.NewGuid():N}";
        var form = OnlineForm.Valid("geen-adres", product);
        form["Input.CustomerName"] = "";

        var response = await customer.PostFormAsync("/Complain", form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vul uw naam in.", html);
        Assert.Contains("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.", html);
        Assert.Contains(product, html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));
    }

    [Fact]
    public async Task A_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_stored()
    {
        var product = $"Spam {Guid.NewGuid():N}";
        var form = OnlineForm.Valid($"bot.{Guid.NewGuid():N}@example.nl", product);
        form["Input.Website"] = "http://spam.example";

        var response = await factory.CreateBrowserlessClient().PostFormAsync("/Complain", form);

        Assert.Equal("/Complain/Sent", response.Location());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));
    }

    [Fact]
    public async Task A_request_larger_than_the_form_allows_is_refused()
    {
        var form = OnlineForm.Valid($"big.{Guid.NewGuid():N}@example.nl");
        form["Input.Description"] = new string('x', 100_000);

        var response = await factory.CreateBrowserlessClient().PostFormAsync("/Complain", form);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
