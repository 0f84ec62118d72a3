using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Organisation;

/// <summary>
/// Issue 28: a promise runs under a regime — a shop's own, the Wkkgz or the Awb — chosen by the organisation and per
/// category; the shop's clock stands still while the desk waits on the customer; managers see what was kept.
/// </summary>
public sealed partial class Regimes : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [GeneratedRegex(@"uiterlijk (\d{2}-\d{2}-\d{4})")]
    private static partial Regex Promise();

    private const string Wkkgz = "U krijgt uiterlijk 14-12-2026 ons oordeel over uw klacht, zoals de Wet kwaliteit, klachten en geschillen zorg (Wkkgz) vraagt.";

    [Fact]
    public async Task A_category_under_the_Wkkgz_is_promised_six_weeks_in_the_laws_words_on_every_page_and_letter_and_others_keep_the_shops_promise()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)); // Monday
        using var app = _root.WithClock(clock);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        var settings = WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/Settings"));
        Assert.Contains("Regel voor Productdefect", settings);

        var saved = await admin.PostFormAsync("/Admin/Settings", Settings().With("Input.Regimes[ProductDefect]", "Wkkgz"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Regimes: {} → {\"ProductDefect\":\"Wkkgz\"}", await _root.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == Web.Auditing.AuditAction.SettingsChanged).Select(a => a.Detail).SingleAsync()), StringComparison.Ordinal);

        var email = $"wkkgz.{Guid.NewGuid():N}@example.nl";
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var thanks = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/Complain", OnlineForm.Valid(email))).Content.ReadAsStringAsync());
        Assert.Contains(Wkkgz, thanks);
        var status = WebUtility.HtmlDecode(await browser.GetStringAsync(Regex.Match(thanks, "href=\"(/Track/Status\\?t=[^\"]+)\"").Groups[1].Value));
        Assert.Contains("We hebben uw klacht ontvangen. " + Wkkgz, status);
        Assert.Contains(Wkkgz, Letters(email).Single());
        Assert.Equal(Regime.Wkkgz, await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.Regime).SingleAsync()));

        // One extension of at most four weeks: 11 January 2027, not the 12th.
        var code = await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync());
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var page = $"/Desk/Complaint/{code.Value}";
        var tooLong = await desk.PostFormAsync(page, new Dictionary<string, string> { ["ExtendTo"] = "2027-01-12", ["ExtendReason"] = "de klachtencommissie adviseert eerst." }, $"{page}?handler=Extend");
        Assert.Contains("Kies uiterlijk 11-01-2027: langer verlengen mag niet.", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));

        var other = $"levering.{Guid.NewGuid():N}@example.nl";
        var delivery = WebUtility.HtmlDecode(await (await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(other).With("Input.Category", "Delivery"))).Content.ReadAsStringAsync());
        Assert.Contains("uiterlijk 04-11-2026 contact met u op", delivery);
    }

    [Fact]
    public async Task An_organisation_under_the_Awb_promises_in_the_Awbs_words_from_the_online_form_on()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        await admin.PostFormAsync("/Admin/Settings", Settings().With("Input.Regime", "Awb"));

        var form = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Complain"));

        Assert.Contains("Wij handelen uw klacht uiterlijk 14-12-2026 af, zoals de Algemene wet bestuursrecht (artikel 9:11) vraagt.", form);
        foreach (var (field, value) in new[] { ("Input.Regime", "Zomaar"), ("Input.Regime", "7"), ("Input.Regimes[Delivery]", "Wkkgz2") })
        {
            var refused = await admin.PostFormAsync("/Admin/Settings", Settings().With("Input.Regime", "Retail").With(field, value));
            Assert.Contains("Deze waarde kennen we niet: kies een van de mogelijkheden", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }

        Assert.Equal(Regime.Awb, await _root.WithDbAsync(db => db.OrganisationSettings.Select(s => s.Regime).SingleAsync()));
    }

    [Fact]
    public async Task While_the_desk_waits_on_the_customer_the_shops_clock_stands_still_and_the_inbox_status_page_and_timeline_say_so()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)); // Monday: promised Wednesday 9
        using var app = _root.WithClock(clock);
        var email = $"pauze.{Guid.NewGuid():N}@example.nl";
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var thanks = await (await browser.PostFormAsync("/Complain", OnlineForm.Valid(email))).Content.ReadAsStringAsync();
        var statusUrl = Regex.Match(thanks, "href=\"(/Track/Status\\?t=[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var code = await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync());
        var page = $"/Desk/Complaint/{code.Value}";
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync(page, new Dictionary<string, string> { ["ReplyText"] = "Heeft u een foto van de barst?" }, $"{page}?handler=Reply")).StatusCode);

        var row = Regex.Match(WebUtility.HtmlDecode(await desk.GetHtmlAsync("/Desk/Inbox")), $"{code.Display}</td>.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("data-urgency=\"paused\"", row);
        Assert.Contains("09-12-2026 — wacht op de klant, termijn staat stil", row);
        Assert.Contains("Zolang staat onze termijn stil", WebUtility.HtmlDecode(await browser.GetStringAsync(statusUrl)));

        clock.Advance(TimeSpan.FromDays(3)); // Thursday 10: Tuesday, Wednesday and Thursday stood still
        // The status link of Monday has expired: the customer looks the complaint up again.
        var lookup = await browser.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code.Display, ["Input.PostcodeOrEmail"] = email });
        statusUrl = lookup.RequestMessage!.RequestUri!.PathAndQuery;
        var answered = await PostMessageAsync(browser, statusUrl, "Hier is de foto.");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        Assert.Equal("14-12-2026", Promise().Match(WebUtility.HtmlDecode(await browser.GetStringAsync(statusUrl))).Groups[1].Value);
        var again = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await again.SignInAsync(Accounts.Desk);
        var timeline = WebUtility.HtmlDecode(await again.GetHtmlAsync(page));
        Assert.Contains("Termijn staat stil (wacht op de klant)", timeline);
        Assert.Contains("Termijn loopt weer", timeline);
        Assert.Contains("uiterlijk 14-12-2026", timeline);
    }

    [Fact]
    public async Task The_dashboard_shows_the_share_of_promises_kept_per_store_and_regime_and_lists_the_overdue_ones_also_as_csv()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)); // Monday: promised Wednesday 9
        using var app = _root.WithClock(clock);
        var kept = $"op.tijd.{Guid.NewGuid():N}@example.nl";
        var late = $"te.laat.{Guid.NewGuid():N}@example.nl";
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(kept).With("Input.StoreCode", "UTR-01"));
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(late).With("Input.StoreCode", "UTR-01"));
        var (keptCode, lateCode) = await _root.WithDbAsync(async db => (
            await db.Complaints.Where(c => c.Customer!.Email == kept).Select(c => c.TrackingCode).SingleAsync(),
            await db.Complaints.Where(c => c.Customer!.Email == late).Select(c => c.TrackingCode).SingleAsync()));
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var resolved = await desk.PostFormAsync($"/Desk/Resolve/{keptCode.Value}", new Dictionary<string, string> { ["Input.ResolutionType"] = "Refund", ["Input.Amount"] = "10", ["Input.RefundMethod"] = "Cash" });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);

        clock.Advance(TimeSpan.FromDays(4)); // Friday 11: the other promise has passed
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        var dashboard = WebUtility.HtmlDecode(await manager.GetHtmlAsync("/Manager/Dashboard?from=2026-12-01&to=2026-12-31"));

        var promises = Regex.Match(dashboard, "data-testid=\"promises\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("Op tijd: 1 van 2 beloftes die in deze periode afliepen", promises);
        Assert.Contains("<strong data-testid=\"promises-on-time\">50 %</strong>", promises);
        Assert.Matches(@"UTR-01 KlantCentraal Utrecht</td><td>Winkel: antwoord binnen de reactietijd</td><td>1</td><td>1</td><td>50 %</td>", promises);
        Assert.Contains("Nu te laat: 1", promises);
        Assert.Contains(lateCode.Display, promises);
        Assert.DoesNotContain(keptCode.Display, promises);

        var csv = await manager.GetStringAsync("/Manager/Dashboard?handler=Csv&table=overdue&from=2026-12-01&to=2026-12-31");
        Assert.Contains($"{lateCode.Display};UTR-01 KlantCentraal Utrecht;Winkel: antwoord binnen de reactietijd;2026-12-09;Stofzuiger", csv);
        Assert.Contains("UTR-01 KlantCentraal Utrecht;Winkel: antwoord binnen de reactietijd;1;1;50", await manager.GetStringAsync("/Manager/Dashboard?handler=Csv&table=promises&from=2026-12-01&to=2026-12-31"));
    }

    [Fact]
    public async Task Complaints_received_before_promises_were_stored_get_theirs_once_by_the_same_rule()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var email = $"ouder.{Guid.NewGuid():N}@example.nl";
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(email));
        await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).ExecuteUpdateAsync(s => s.SetProperty(c => c.RespondBy, (DateOnly?)null)));
        clock.Advance(TimeSpan.FromDays(10)); // counted from the day it arrived, not from today

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Web.Organisation.Deadlines>().PromiseEarlierComplaintsAsync(CancellationToken.None) >= 1);
        }

        Assert.Equal(new DateOnly(2026, 12, 9), await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.RespondBy).SingleAsync()));
    }

    private IEnumerable<string> Letters(string email) => Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
        .Where(m => m.To.Mailboxes.Any(a => a.Address == email)).Select(m => m.TextBody ?? string.Empty);

    private static async Task<HttpResponseMessage> PostMessageAsync(HttpClient customer, string url, string text)
    {
        var html = await customer.GetStringAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new StringContent(text), "MessageText" },
        };
        return await customer.PostAsync(url.Replace("/Track/Status?", "/Track/Status?handler=Message&", StringComparison.Ordinal), form);
    }

    private static Dictionary<string, string> Settings() => new()
    {
        ["Input.Name"] = "KlantCentraal",
        ["Input.Phone"] = "020 123 45 67",
        ["Input.Email"] = "klantenservice@klantcentraal.test",
        ["Input.Hours[0]"] = "09:00-17:00",
        ["Input.Hours[1]"] = "09:00-17:00",
        ["Input.Hours[2]"] = "09:00-17:00",
        ["Input.Hours[3]"] = "09:00-17:00",
        ["Input.Hours[4]"] = "09:00-17:00",
        ["Input.Hours[5]"] = "",
        ["Input.Hours[6]"] = "",
        ["Input.OnlineResponseWorkingDays"] = "2",
        ["Input.Regime"] = "Retail",
        ["Input.CoSignAbove"] = "250,00",
        ["Input.ServiceLevelWorkingDays"] = "10",
        ["Input.GroupingWindowDays"] = "30",
    };
}
