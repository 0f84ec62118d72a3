using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests;

public class CustomerOnlineComplaint(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    public static Dictionary<string, string> Form(string email, string product = "Stofzuiger") => new()
    {
        ["Input.SubmissionId"] = Guid.NewGuid().ToString(),
        ["Input.Website"] = "",
        ["Input.CustomerName"] = "Lotte Visser",
        ["Input.Email"] = email,
        ["Input.Phone"] = "",
        ["Input.Postcode"] = "2511 CV",
        ["Input.ProductName"] = product,
        ["Input.ArticleNumber"] = "",
        ["Input.Category"] = "ProductDefect",
        ["Input.PurchaseDate"] = "",
        ["Input.PurchasePlace"] = "",
        ["Input.Receipt"] = "Unknown",
        ["Input.Description"] = "Zuigt niet meer na een week.",
        ["Input.DesiredOutcome"] = "Replacement",
    };

    [Fact]
    public async Task An_online_complaint_is_confirmed_at_once_with_a_code_a_promised_date_and_an_email_and_waits_in_the_inbox()
    {
        var customer = factory.CreateBrowserlessClient();
        var email = $"lotte.{Guid.NewGuid():N}@example.nl";

        var response = await customer.PostFormAsync("/Complain", Form(email));

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
        await customer.PostFormAsync("/Complain", Form(email));
        var code = await factory.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync());
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var page = await desk.GetHtmlAsync($"/Desk/Resolve/{code}");
        Assert.Contains("value=\"Replacement\" checked=\"checked\"", page);
        var response = await desk.PostFormAsync($"/Desk/Resolve/{code}", new Dictionary<string, string>
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
        Assert.DoesNotContain(TrackingCode.Parse(code).Display, await desk.GetHtmlAsync("/Desk/Inbox"));
        Assert.Contains(Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText), m => m.Contains($"Uw klacht {TrackingCode.Parse(code).Display} is opgelost", StringComparison.Ordinal));

        var again = await desk.GetAsync($"/Desk/Resolve/{code}");
        Assert.Equal($"/Desk/Complaint/{code}", again.Location());
    }

    [Fact]
    public async Task Bad_input_gets_clear_messages_keeps_what_was_typed_and_stores_nothing()
    {
        var customer = factory.CreateBrowserlessClient();
        var product = $"Lamp {Guid.NewGuid():N}";
        var form = Form("geen-adres", product);
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
        var form = Form($"bot.{Guid.NewGuid():N}@example.nl", product);
        form["Input.Website"] = "http://spam.example";

        var response = await factory.CreateBrowserlessClient().PostFormAsync("/Complain", form);

        Assert.Equal("/Complain/Sent", response.Location());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));
    }

    [Fact]
    public async Task A_request_larger_than_the_form_allows_is_refused()
    {
        var form = Form($"big.{Guid.NewGuid():N}@example.nl");
        form["Input.Description"] = new string('x', 100_000);

        var response = await factory.CreateBrowserlessClient().PostFormAsync("/Complain", form);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}

public class CustomerFeedback(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Feedback_is_given_once_and_feeds_the_managers_figure()
    {
        var (client, statusUrl, code) = await ResolvedComplaintAsync();

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetHtmlAsync(statusUrl));
        var first = await client.PostAsync(statusUrl + "&handler=Feedback", new FormUrlEncodedContent(new Dictionary<string, string> { ["Score"] = "4", ["Remark"] = "Snel geholpen, dank!", ["__RequestVerificationToken"] = token }));
        var second = await client.PostAsync(statusUrl + "&handler=Feedback", new FormUrlEncodedContent(new Dictionary<string, string> { ["Score"] = "1", ["Remark"] = "Tweede keer", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var complaint = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == code));
        Assert.Equal(4, complaint.SatisfactionScore);
        Assert.Equal("Snel geholpen, dank!", complaint.FeedbackRemark);
        Assert.Contains("U gaf ons een 4 van 5.", await client.GetHtmlAsync(statusUrl));

        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        Assert.Contains("data-testid=\"kpi-satisfaction\">4,0 (1)<", await manager.GetHtmlAsync("/Manager/Dashboard"));
    }

    [Fact]
    public async Task A_score_outside_one_to_five_is_refused_with_a_message()
    {
        var (client, statusUrl, code) = await ResolvedComplaintAsync();

        var response = await client.PostFormAsync(statusUrl, new Dictionary<string, string> { ["Score"] = "9" }, statusUrl + "&handler=Feedback");

        Assert.Contains("Kies een cijfer van 1 (zeer ontevreden) tot 5 (zeer tevreden).", await response.Content.ReadAsStringAsync());
        Assert.Null(await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == code).Select(c => c.SatisfactionScore).SingleAsync()));
    }

    private async Task<(HttpClient Client, string StatusUrl, string Code)> ResolvedComplaintAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var client = factory.CreateBrowserlessClient();
        var lookup = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012 AB" });
        return (client, lookup.Location(), code);
    }
}

/// <summary>A factory of its own with tight limits, so the throttles can be reached quickly.</summary>
public sealed class CustomerLookupThrottling : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public CustomerLookupThrottling() => _app = _factory.WithWebHostBuilder(b => b
        .UseSetting("RateLimits:LookupsPerClientPerMinute", "6")
        .UseSetting("RateLimits:LookupsPerCodePerHour", "3"));

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Guessing_the_postcode_of_one_code_is_stopped_after_a_few_tries_with_a_friendly_message()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        var code = TrackingCode.New().Display;
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = $"100{i}AB" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("Deze volgcode is het afgelopen uur te vaak geprobeerd.", await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_client_trying_many_codes_is_slowed_down_with_a_friendly_page()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = TrackingCode.New().Display, ["Input.PostcodeOrEmail"] = "1000AB" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("Even wachten, alstublieft", await last.Content.ReadAsStringAsync());
    }
}
