using System.Net;
using KlantCentraal.Web.Reporting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace KlantCentraal.Web.Tests.Reporting;

/// <summary>
/// Issue 29, part 3: the weekly digest and the quarterly management review reach each manager once per period (also
/// when two instances run the round at once), as HTML with the figures as CSV; a manager can opt out; the review is a
/// page and a CSV too; a schedule that is not a cron expression stops the start with a plain message.
/// </summary>
public sealed class ScheduledReportsByEmail : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Each_manager_gets_the_weeks_digest_and_the_quarters_review_once_as_html_with_a_csv()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)); // Wednesday
        using var app = _root.WithClock(clock);
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/Desk", DeskForm.Valid($"week.{Guid.NewGuid():N}@example.nl").With("Input.Amount", "30"))).StatusCode);

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 7, 30, 0, TimeSpan.Zero)); // Monday 08:30 in Amsterdam
        await Task.WhenAll(RoundAsync(app), RoundAsync(app)); // two instances at once
        await RoundAsync(app);

        var toManager = Letters().Where(m => m.To.Mailboxes.Any(a => a.Address == Accounts.Manager)).ToList();
        var weekly = Assert.Single(toManager, m => (m.Subject ?? string.Empty).StartsWith("Weekoverzicht", StringComparison.Ordinal));
        Assert.Equal("Weekoverzicht 30-11-2026 t/m 06-12-2026 (Alle winkels)", weekly.Subject);
        Assert.Contains("<table>", weekly.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Klachten: 1", weekly.TextBody, StringComparison.Ordinal);
        Assert.Contains("Terugbetalingen open (nu): ", weekly.TextBody, StringComparison.Ordinal); // issue 43: what finance still owes their customers
        Assert.Contains("€ 30,00", weekly.TextBody, StringComparison.Ordinal);
        var csv = Assert.Single(weekly.Attachments.OfType<MimePart>());
        Assert.Equal("weekoverzicht-2026-11-30.csv", csv.FileName);
        using (var content = new MemoryStream())
        {
            await csv.Content!.DecodeToAsync(content);
            Assert.Contains("Klachten;1", System.Text.Encoding.UTF8.GetString(content.ToArray()), StringComparison.Ordinal);
        }

        var quarterly = Assert.Single(toManager, m => (m.Subject ?? string.Empty).StartsWith("Managementreview", StringComparison.Ordinal));
        Assert.Equal("Managementreview 01-07-2026 t/m 30-09-2026", quarterly.Subject);
        Assert.Contains("/Manager/Review?from=2026-07-01&to=2026-09-30", quarterly.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_who_opts_out_gets_no_more_reports_and_can_opt_in_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 7, 30, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        var off = await manager.PostFormAsync("/Manager/Dashboard", new Dictionary<string, string> { ["receive"] = "false" }, "/Manager/Dashboard?handler=ReportEmails");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("U krijgt geen overzichten meer per e-mail.", WebUtility.HtmlDecode(await manager.GetHtmlAsync(off.Location())));

        await RoundAsync(app);
        Assert.DoesNotContain(Letters(), m => m.To.Mailboxes.Any(a => a.Address == Accounts.Manager));

        await manager.PostFormAsync("/Manager/Dashboard", new Dictionary<string, string> { ["receive"] = "true" }, "/Manager/Dashboard?handler=ReportEmails");
        await RoundAsync(app);
        Assert.Contains(Letters(), m => m.To.Mailboxes.Any(a => a.Address == Accounts.Manager) && (m.Subject ?? string.Empty).StartsWith("Weekoverzicht", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_review_is_a_page_and_a_csv_for_any_period()
    {
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        await desk.PostFormAsync("/Desk", DeskForm.Valid($"review.{Guid.NewGuid():N}@example.nl"));
        var manager = _root.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var today = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Review?from={today}&to={tomorrow}"));
        Assert.Contains("Klachten: 1", page);
        Assert.Contains("Per kanaal", page);
        var csv = await manager.GetStringAsync($"/Manager/Review?handler=Csv&from={today}&to={tomorrow}");
        Assert.Contains("Klachten;1", csv);
        Assert.Contains("Onderzoeken geopend;", csv);
        Assert.Contains("AccessDenied", (await desk.GetAsync("/Manager/Review")).Location());
    }

    /// <summary>Issue 41, finding 3: one store rule for every report — a manager of some stores reads only their figures.</summary>
    [Fact]
    public async Task Every_report_of_a_manager_of_some_stores_covers_only_their_stores()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)); // Wednesday
        using var app = _root.WithClock(clock);
        foreach (var (store, amount) in new[] { ("UTR-01", "70"), ("AMS-01", "20"), ("RTM-01", "30") })
        {
            var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await desk.SignInAsync(await Stores.TestStaff.CreateAsync(app.Services, Web.Identity.Roles.ServiceDesk, store));
            Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/Desk", DeskForm.Valid($"{store}.{Guid.NewGuid():N}@example.nl").With("Input.Amount", amount))).StatusCode);
        }

        var email = await Stores.TestStaff.CreateAsync(app.Services, Web.Identity.Roles.Manager, "AMS-01", "RTM-01");
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await manager.SignInAsync(email);
        const string period = "from=2026-11-30&to=2026-12-06";

        var review = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Review?{period}"));
        var reviewCsv = await manager.GetStringAsync($"/Manager/Review?handler=Csv&{period}");
        var dashboardCsv = await manager.GetStringAsync($"/Manager/Dashboard?handler=Csv&table=summary&{period}");
        var comparison = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Stores?{period}"));
        foreach (var crafted in new[] { "/Manager/Review?store=UTR-01", "/Manager/Review?store=all", "/Manager/Review?handler=Csv&store=all", "/Manager/Dashboard?store=all", "/Manager/Dashboard?handler=Csv&table=summary&store=all", "/Manager/Stores?store=all", "/Manager/Stores?handler=Csv&store=all" })
        {
            Assert.Contains("/Account/AccessDenied", (await manager.GetAsync(crafted)).Location());
        }
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 7, 30, 0, TimeSpan.Zero)); // Monday 08:30 in Amsterdam
        await RoundAsync(app);

        Assert.Contains("Klachten: 2", review);
        Assert.DoesNotContain("UTR-01", review);
        Assert.Contains("Klachten;2", reviewCsv);
        Assert.DoesNotContain("UTR-01", reviewCsv);
        Assert.Contains("Klachten;2", dashboardCsv);
        Assert.Contains("Goodwill (euro);50", dashboardCsv);
        Assert.DoesNotContain("KlantCentraal Utrecht", comparison);
        var weekly = Assert.Single(Letters(), m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Equal("Weekoverzicht 30-11-2026 t/m 06-12-2026 (AMS-01, RTM-01)", weekly.Subject);
        Assert.Contains("Klachten: 2", weekly.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_that_is_not_a_cron_expression_stops_the_start_with_a_plain_message()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("Reports:WeeklyDigest", "elke maandag"));
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Reports:WeeklyDigest 'elke maandag' is not a cron expression", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task RoundAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScheduledReports>().RunAsync(CancellationToken.None);
    }

    private List<MimeMessage> Letters() =>
        Directory.Exists(_root.MailPickup) ? [.. Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeMessage.Load(f))] : [];
}
