using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Organisation;

/// <summary>
/// Issue 28: every promised date comes from one rule — the organisation's day, counted on the calendar of the place
/// that promises (its hours, its country's public holidays, the closing days an administrator enters or imports).
/// </summary>
public sealed partial class PromisedDates : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [GeneratedRegex(@"uiterlijk (\d{2}-\d{2}-\d{4})")]
    private static partial Regex Promise();

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-04-26", "Koningsdag")] // the 27th is a Sunday
    [InlineData("2026-04-06", "Paasmaandag")]
    [InlineData("2026-05-25", "Pinkstermaandag")]
    [InlineData("2025-05-05", "Bevrijdingsdag")] // a lustrum year
    public async Task Dutch_public_holidays_close_the_organisation(string day, string name)
    {
        var holidays = await HolidaysAsync(Country.Netherlands, Day(day));

        Assert.Contains(Day(day), holidays.Keys);
        Assert.Contains(name.Split(' ')[^1].ToLowerInvariant(), holidays[Day(day)].ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liberation_day_outside_a_lustrum_year_and_good_friday_do_not_close_the_organisation_and_belgium_has_its_own_days()
    {
        Assert.DoesNotContain(Day("2026-05-05"), (await HolidaysAsync(Country.Netherlands, Day("2026-05-05"))).Keys);
        Assert.DoesNotContain(Day("2026-04-03"), (await HolidaysAsync(Country.Netherlands, Day("2026-04-03"))).Keys);
        Assert.Contains(Day("2026-07-21"), (await HolidaysAsync(Country.Belgium, Day("2026-07-21"))).Keys);
        Assert.DoesNotContain(Day("2026-07-21"), (await HolidaysAsync(Country.Netherlands, Day("2026-07-21"))).Keys);
    }

    [Theory]
    // Thursday 3 December 2026, one minute before and after midnight in Amsterdam (UTC+1): + 2 working days.
    [InlineData("2026-12-03T22:59:00Z", "2026-12-07")]
    [InlineData("2026-12-03T23:01:00Z", "2026-12-08")]
    // Summer time ends on Sunday 25 October 2026: 22:30 UTC on Saturday is already Sunday in Amsterdam (UTC+2).
    [InlineData("2026-10-24T21:59:00Z", "2026-10-27")]
    [InlineData("2026-10-24T22:01:00Z", "2026-10-27")]
    // Summer time starts on Sunday 29 March 2026: 22:30 UTC on Friday 27 March is 23:30 Friday (UTC+1).
    [InlineData("2026-03-27T22:30:00Z", "2026-03-31")]
    [InlineData("2026-03-27T23:30:00Z", "2026-03-31")]
    // Christmas: Thursday 24 December + 2 = Monday 28 (Friday 25 and Saturday 26 are holidays and weekend).
    [InlineData("2026-12-24T10:00:00Z", "2026-12-29")]
    public async Task The_promise_counts_from_the_organisations_day_around_midnight_and_the_clock_changes(string nowUtc, string promised)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(nowUtc, System.Globalization.CultureInfo.InvariantCulture));
        using var app = _root.WithClock(clock);
        var customer = app.CreateClient();

        var page = await customer.GetStringAsync("/Complain");

        Assert.Equal(Day(promised).ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture), Promise().Match(page).Groups[1].Value);
    }

    [Fact]
    public async Task A_closing_day_entered_by_an_administrator_moves_the_promise_on_every_page_letter_and_status_and_can_be_removed()
    {
        // Monday 7 December 2026, 10:00 in Amsterdam: + 2 working days is Wednesday 9; with Tuesday 8 closed, Thursday 10.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        var customer = app.CreateClient();
        Assert.Equal("09-12-2026", Promise().Match(await customer.GetStringAsync("/Complain")).Groups[1].Value);

        var added = await admin.PostFormAsync("/Admin/ClosingDays", new Dictionary<string, string> { ["Date"] = "2026-12-08", ["Reason"] = "Personeelsdag" }, "/Admin/ClosingDays?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await admin.GetHtmlAsync(added.Location());
        Assert.Contains("08-12-2026 is een sluitingsdag", list);
        Assert.Contains("Personeelsdag", list);
        Assert.Contains("Eerste Kerstdag", list);

        // The online form, the thank-you page, the status page and the letter all say Thursday 10 December.
        var form = await customer.GetStringAsync("/Complain");
        Assert.Equal("10-12-2026", Promise().Match(form).Groups[1].Value);
        var email = $"sluiting.{Guid.NewGuid():N}@example.nl";
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var sent = await browser.PostFormAsync("/Complain", OnlineForm.Valid(email));
        var thanks = await sent.Content.ReadAsStringAsync();
        Assert.Equal("10-12-2026", Promise().Match(thanks).Groups[1].Value);
        var status = await browser.GetStringAsync(Regex.Match(thanks, "href=\"(/Track/Status\\?t=[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Equal("10-12-2026", Promise().Match(status).Groups[1].Value);
        var letter = Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(a => a.Address == email)).TextBody ?? string.Empty;
        Assert.Equal("10-12-2026", Promise().Match(letter).Groups[1].Value);

        var id = await _root.WithDbAsync(db => db.ClosingDays.Where(d => d.Reason == "Personeelsdag").Select(d => d.Id).SingleAsync());
        await admin.PostFormAsync("/Admin/ClosingDays", new Dictionary<string, string>(), $"/Admin/ClosingDays?handler=Remove&id={id}");
        Assert.Equal("09-12-2026", Promise().Match(await customer.GetStringAsync("/Complain")).Groups[1].Value);
        Assert.Contains(await _root.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == Web.Auditing.AuditAction.ClosingDaysChanged).Select(a => a.Detail).ToListAsync()), d => d!.Contains("Personeelsdag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_promise_given_is_kept_and_the_desk_can_extend_it_once_with_a_reason_the_customer_reads()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var email = $"verlengd.{Guid.NewGuid():N}@example.nl";
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var thanks = await (await browser.PostFormAsync("/Complain", OnlineForm.Valid(email))).Content.ReadAsStringAsync();
        Assert.Equal("09-12-2026", Promise().Match(thanks).Groups[1].Value);
        var statusUrl = Regex.Match(thanks, "href=\"(/Track/Status\\?t=[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var code = await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync());

        // A closing day added afterwards does not move what the customer was promised.
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        await admin.PostFormAsync("/Admin/ClosingDays", new Dictionary<string, string> { ["Date"] = "2026-12-08", ["Reason"] = "Heidag" }, "/Admin/ClosingDays?handler=Add");
        Assert.Equal("09-12-2026", Promise().Match(await browser.GetStringAsync(statusUrl)).Groups[1].Value);

        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var page = $"/Desk/Complaint/{code.Value}";
        Assert.Contains("uiterlijk 09-12-2026", WebUtility.HtmlDecode(await desk.GetHtmlAsync(page)));
        async Task<HttpResponseMessage> ExtendAsync(string to, string reason) =>
            await desk.PostFormAsync(page, new Dictionary<string, string> { ["ExtendTo"] = to, ["ExtendReason"] = reason }, $"{page}?handler=Extend");

        Assert.Contains("Schrijf op waarom u meer tijd nodig heeft.", WebUtility.HtmlDecode(await (await ExtendAsync("2026-12-18", " ")).Content.ReadAsStringAsync()));
        Assert.Contains("Kies uiterlijk 06-01-2027: langer verlengen mag niet.", WebUtility.HtmlDecode(await (await ExtendAsync("2027-01-20", "reden")).Content.ReadAsStringAsync()));
        Assert.Contains("Kies een datum na de beloofde datum (09-12-2026).", WebUtility.HtmlDecode(await (await ExtendAsync("2026-12-09", "reden")).Content.ReadAsStringAsync()));

        var extended = await ExtendAsync("2026-12-18", "de leverancier onderzoekt het onderdeel.");
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        Assert.Contains("De termijn is verlengd tot 18-12-2026.", WebUtility.HtmlDecode(await desk.GetHtmlAsync(extended.Location())));
        const string said = "We hebben meer tijd nodig: u hoort uiterlijk op 18-12-2026 van ons, omdat de leverancier onderzoekt het onderdeel.";
        Assert.Contains(said, WebUtility.HtmlDecode(await browser.GetStringAsync(statusUrl)));
        var letters = Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == email)).ToList();
        Assert.Contains(letters, l => (l.Subject ?? string.Empty).StartsWith("We hebben meer tijd nodig", StringComparison.Ordinal) && (l.TextBody ?? string.Empty).Contains(said, StringComparison.Ordinal));
        Assert.Contains("al een keer verlengd", WebUtility.HtmlDecode(await (await ExtendAsync("2026-12-21", "nog meer")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_letter_about_more_time_is_in_the_language_the_customer_complained_in_not_the_desks()
    {
        var email = $"english.{Guid.NewGuid():N}@example.nl";
        var customer = _root.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await customer.GetAsync("/culture/en-GB?returnUrl=/Complain");
        await customer.PostFormAsync("/Complain", OnlineForm.Valid(email));
        var (code, promised) = await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => new { c.TrackingCode, c.RespondBy }).SingleAsync()) is var c ? (c.TrackingCode.Value, c.RespondBy!.Value) : default;

        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var page = $"/Desk/Complaint/{code}";
        var to = promised.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync(page, new Dictionary<string, string> { ["ExtendTo"] = to, ["ExtendReason"] = "the part is on its way." }, $"{page}?handler=Extend")).StatusCode);

        var letters = Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == email)).ToList();
        Assert.Contains(letters, l => (l.Subject ?? string.Empty).StartsWith("We need more time for your complaint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_inbox_marks_a_promise_nearly_late_one_working_day_before_and_late_after_it_in_words()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero)); // Friday
        using var app = _root.WithClock(clock);
        var email = $"bijna.{Guid.NewGuid():N}@example.nl";
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(email)); // promised Tuesday 8 December
        var code = (await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync())).Display;
        async Task<string> RowAsync()
        {
            // Signed in anew on each day: a desk session does not last for days.
            var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await desk.SignInAsync(Accounts.Desk);
            return Regex.Match(WebUtility.HtmlDecode(await desk.GetHtmlAsync("/Desk/Inbox")), $"{code}</td>.*?</tr>", RegexOptions.Singleline).Value;
        }

        Assert.DoesNotContain("data-urgency=\"", (await RowAsync()).Replace("data-urgency=\"\"", string.Empty, StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromDays(3)); // Monday 7: one working day before
        Assert.Contains("08-12-2026 — Bijna te laat", await RowAsync());
        clock.Advance(TimeSpan.FromDays(2)); // Wednesday 9: the promise has passed
        Assert.Contains("08-12-2026 — Te laat", await RowAsync());
    }

    [Fact]
    public async Task The_managers_are_told_once_by_email_when_a_promise_falls_due_within_a_working_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero)); // Friday
        using var app = _root.WithClock(clock);
        var email = $"escalatie.{Guid.NewGuid():N}@example.nl";
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(email)); // promised Tuesday 8 December
        var code = (await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync())).Display;
        IEnumerable<string> ToManager() => Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => a.Address == Accounts.Manager) && (m.TextBody ?? string.Empty).Contains(code, StringComparison.Ordinal))
            .Select(m => m.TextBody ?? string.Empty);
        async Task<int> RoundAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Web.Organisation.PromiseWatch>().RunAsync(CancellationToken.None);
        }

        await RoundAsync();
        Assert.Empty(ToManager()); // Friday: two working days left

        clock.Advance(TimeSpan.FromDays(3)); // Monday 7: one working day left
        Assert.True(await RoundAsync() >= 1);
        var told = Assert.Single(ToManager());
        Assert.Contains("uiterlijk 08-12-2026", told);
        Assert.Contains("/Desk/Complaint/", told);

        await RoundAsync();
        Assert.Single(ToManager()); // once
    }

    [Fact]
    public async Task A_calendar_file_is_read_whole_and_a_bad_one_stores_nothing_with_a_message_that_says_what_to_do()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);

        var good = await ImportAsync(admin, "UTR-01", Ics(("20261228", "20261231", "Inventaris"), ("20270102", null, "Nieuwjaarsborrel")));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("4 sluitingsdag(en) ingelezen; 0 stonden er al.", await admin.GetHtmlAsync(good.Location()));
        var stored = await _root.WithDbAsync(db => db.ClosingDays.Where(d => d.StoreId != null).OrderBy(d => d.Date).Select(d => d.Date).ToListAsync());
        Assert.Equal([Day("2026-12-28"), Day("2026-12-29"), Day("2026-12-30"), Day("2027-01-02")], stored);

        // Each bad file starts with a good day: refused whole, that day is not stored either.
        var first = ("20270105", (string?)null, "Moet niet blijven");
        foreach (var (file, says) in new[]
        {
            ("dit is geen agenda", "Dit is geen iCalendar-bestand dat we kunnen lezen."),
            (Ics(first, ("20261228", null, "Goed")).Replace("SUMMARY:Goed", "RRULE:FREQ=YEARLY\r\nSUMMARY:Goed", StringComparison.Ordinal), "herhaalt zich"),
            (Ics(first, ("20261201", "20270301", "Winterstop")), "duurt langer dan 31 dagen"),
            (Ics(first, ("20351228", null, "Ver weg")), "meer dan drie jaar vooruit"),
            ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n", "geen afspraken"),
        })
        {
            var refused = await ImportAsync(admin, string.Empty, file);
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Er is niets opgeslagen.", html);
            Assert.Contains(says, html);
        }

        Assert.False(await _root.WithDbAsync(db => db.ClosingDays.AnyAsync(d => d.Reason == "Moet niet blijven" || d.Reason == "Goed")));
    }

    [Fact]
    public async Task Each_store_publishes_its_closed_days_as_a_calendar_feed_and_a_belgian_store_keeps_belgian_holidays()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var store = await db.Stores.SingleAsync(s => s.Code == "AMS-01");
            store.Update(new StoreDetails(store.Code, store.Name, store.City, store.Address, store.Phone, store.Email, store.OpeningHours, store.CoSignLimit, store.MonthlyBudget, Country.Belgium));
            await db.SaveChangesAsync();
        }

        var anyone = app.CreateClient();
        var feed = await anyone.GetAsync("/calendar/AMS-01.ics");
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20260721", ics);
        Assert.DoesNotContain("DTSTART;VALUE=DATE:20270427", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20270427", await anyone.GetStringAsync("/calendar/organisatie.ics"));
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/calendar/BESTAAT-NIET.ics")).StatusCode);

        // Calendar clients poll: the second answer comes from the output cache, and a closing day added here is in the next one.
        Assert.NotNull((await anyone.GetAsync("/calendar/AMS-01.ics")).Headers.Age);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        await admin.PostFormAsync($"/Admin/ClosingDays?store=AMS-01", new Dictionary<string, string> { ["Date"] = "2026-06-19", ["Reason"] = "Verbouwing" }, "/Admin/ClosingDays?handler=Add&store=AMS-01");
        Assert.Contains("SUMMARY:Verbouwing", await anyone.GetStringAsync("/calendar/AMS-01.ics"));
    }

    private async Task<IReadOnlyDictionary<DateOnly, string>> HolidaysAsync(Country country, DateOnly day)
    {
        await using var scope = _root.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<Web.Organisation.Deadlines>().Holidays(country, day, day);
    }

    private static string Ics(params (string Start, string? End, string Summary)[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//NL\r\n" + string.Concat(events.Select((e, i) =>
            $"BEGIN:VEVENT\r\nUID:{i}@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:{e.Start}\r\n" +
            (e.End is null ? string.Empty : $"DTEND;VALUE=DATE:{e.End}\r\n") + $"SUMMARY:{e.Summary}\r\nEND:VEVENT\r\n")) + "END:VCALENDAR\r\n";

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient admin, string store, string ics)
    {
        var page = await admin.GetHtmlAsync($"/Admin/ClosingDays?store={store}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(ics));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        form.Add(file, "upload", "sluitingsdagen.ics");
        return await admin.PostAsync($"/Admin/ClosingDays?handler=Import&store={store}", form);
    }
}
