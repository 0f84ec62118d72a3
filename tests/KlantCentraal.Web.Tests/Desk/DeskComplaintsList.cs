using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

/// <summary>A database of its own with a known set of complaints, so counts are exact.</summary>
public sealed partial class DeskComplaintsList : IClassFixture<DeskComplaintsList.Seeded>
{
    private readonly Seeded _app;

    public DeskComplaintsList(Seeded app) => _app = app;

    [GeneratedRegex("data-testid=\"count\">(\\d+) klachten gevonden")]
    private static partial Regex Count();

    [Theory]
    [InlineData("", 30)]
    [InlineData("?channel=Phone", 10)]
    [InlineData("?resolution=Voucher", 15)]
    [InlineData("?category=Delivery&resolution=Voucher", 8)]
    [InlineData("?q=Stofzuiger", 10)]
    [InlineData("?status=Resolved", 30)]
    [InlineData("?status=Closed", 0)]
    public async Task Filters_narrow_the_list_down(string query, int expected)
    {
        var html = await _app.Desk.GetHtmlAsync("/Desk/Complaints" + query);

        Assert.Equal(expected, int.Parse(Count().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_date_range_in_the_future_finds_nothing_and_today_finds_everything()
    {
        // The organisation's day (Amsterdam), not the test machine's: they differ for an hour or two every night.
        var local = KlantCentraal.Web.Organisation.OrganisationCalendar.DayOf(DateTime.UtcNow, KlantCentraal.Web.Organisation.OrganisationCalendar.ZoneOf(new KlantCentraal.Web.Settings.OrganisationOptions().TimeZone));
        var today = local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var next = local.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains(">30 klachten gevonden", await _app.Desk.GetHtmlAsync($"/Desk/Complaints?from={today}&to={today}"));
        Assert.Contains(">0 klachten gevonden", await _app.Desk.GetHtmlAsync($"/Desk/Complaints?from={next}"));
    }

    [Fact]
    public async Task Pages_hold_twenty_five_rows_and_the_second_page_the_rest()
    {
        var first = await _app.Desk.GetHtmlAsync("/Desk/Complaints");
        var second = await _app.Desk.GetHtmlAsync("/Desk/Complaints?p=2");

        Assert.Equal(25, Regex.Count(first, "class=\"tracking-code\""));
        Assert.Equal(5, Regex.Count(second, "class=\"tracking-code\""));
        Assert.Contains("Pagina 2 van 2", second);
    }

    [Fact]
    public async Task Sorting_by_amount_puts_the_smallest_first_and_the_header_says_so()
    {
        var html = await _app.Desk.GetHtmlAsync("/Desk/Complaints?sort=amount");

        Assert.Contains("aria-sort=\"ascending\"", html);
        var amounts = Regex.Matches(html, "€ (\\d+),(\\d\\d)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 100 + int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(amounts);
        Assert.Equal(amounts.Order(), amounts);
    }

    [Fact]
    public async Task A_tampered_filter_value_is_answered_without_an_error()
    {
        var response = await _app.Desk.GetAsync("/Desk/Complaints?status=Nonsense&p=-4&sort=%3Cscript%3E");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class Seeded : KlantCentraalFactory, IAsyncLifetime
    {
        public HttpClient Desk { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Desk = CreateBrowserlessClient();
            await Desk.SignInAsync(Accounts.Desk);
            for (var i = 0; i < 30; i++)
            {
                var form = DeskForm.Valid(product: i % 3 == 0 ? "Stofzuiger" : $"Product {i}")
                    .With("Input.Channel", i % 3 == 1 ? "Phone" : "Counter")
                    .With("Input.Category", i % 2 == 0 ? "ProductDefect" : "Delivery")
                    .With("Input.ResolutionType", i < 15 ? "Refund" : "Voucher")
                    .With("Input.Amount", $"{10 + i},50");
                Assert.Equal(HttpStatusCode.Redirect, (await Desk.PostFormAsync("/Desk", form)).StatusCode);
            }

            Assert.Equal(30, await WithDbAsync(db => db.Complaints.CountAsync(c => c.Status == ComplaintStatus.Resolved)));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
