using System.Net;
using System.Text;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Stores;

public class StoreComparisonOnTheDashboard(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Compares_the_stores_figures_sorts_them_and_exports_what_is_shown()
    {
        await RecordAsync("AMS-01", "12,50", "Waterkoker");
        await RecordAsync("AMS-01", "30,00", "Waterkoker");
        await RecordAsync("AMS-01", "7,50", "Föhn");
        await RecordAsync("RTM-01", "100,00", "Föhn");
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var page = WebUtility.HtmlDecode(await manager.GetHtmlAsync("/Manager/Stores?sort=-goodwill"));
        var table = page[page.IndexOf("data-testid=\"store-comparison\"", StringComparison.Ordinal)..];

        Assert.Contains("KlantCentraal Amsterdam</a> <small>(AMS-01)</small></th>\n                    <td>3</td>\n                    <td>100 %</td>\n                    <td>€ 50,00</td>", table);
        Assert.Contains("€ 50,00 van € 10.000,00 (0,5 %)", table);
        Assert.Contains("<td>waterkoker</td>", table);
        Assert.True(table.IndexOf("RTM-01", StringComparison.Ordinal) < table.IndexOf("AMS-01", StringComparison.Ordinal), "sorted by goodwill, highest first");
        Assert.Contains("aria-sort=\"descending\"", table);

        var csv = await manager.GetAsync("/Manager/Stores?handler=Csv&sort=code");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AMS-01;KlantCentraal Amsterdam;3;100;50,00;10000,00;0,5;;0;waterkoker", text);
        Assert.True(text.IndexOf("AMS-01", StringComparison.Ordinal) < text.IndexOf("RTM-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_store_selected_limits_every_complaint_figure_to_that_store()
    {
        await RecordAsync("UTR-01", "5,00", "Mixer");
        await RecordAsync("RTM-01", "5,00", "Mixer");
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var all = (await manager.GetHtmlAsync("/Manager/Dashboard")).Replace(" ", string.Empty, StringComparison.Ordinal);
        var utrecht = WebUtility.HtmlDecode(await manager.GetHtmlAsync("/Manager/Dashboard?store=UTR-01"));
        var utrechtId = await TestStaff.StoreIdAsync(factory, "UTR-01");
        var total = await factory.WithDbAsync(db => db.Complaints.CountAsync());
        var atUtrecht = await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.StoreId == utrechtId));

        Assert.True(total > atUtrecht);
        Assert.Contains($"data-testid=\"kpi-complaints\">{atUtrecht}<", utrecht.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Contains($"data-testid=\"kpi-complaints\">{total}<", all);
        Assert.Contains("Lopende onderzoeken (hele keten)", utrecht);
    }

    [Fact]
    public async Task An_investigation_stays_chain_wide_and_shows_which_stores_its_complaints_came_from()
    {
        var product = $"Snoeischaar {Guid.NewGuid():N}"[..24];
        await RecordAsync("UTR-01", "5,00", product);
        await RecordAsync("AMS-01", "5,00", product);
        await RecordAsync("AMS-01", "5,00", product);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Investigations.RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var id = await factory.WithDbAsync(db => db.Investigations.Where(i => i.Title == product).Select(i => i.Id).SingleAsync());
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var page = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Investigation/{id}"));

        Assert.Contains("Klachten in dit onderzoek (3)", page);
        Assert.Contains("Uit winkels: KlantCentraal Amsterdam (2), KlantCentraal Utrecht (1)", page);
    }

    [Theory]
    [InlineData(new[] { 5 }, new[] { 1 }, 5.0)]
    [InlineData(new[] { 1, 3 }, new[] { 1, 1 }, 2.0)]
    [InlineData(new[] { 1, 2, 10 }, new[] { 2, 1, 1 }, 1.5)]
    public void The_median_comes_from_a_histogram_of_values(int[] values, int[] counts, double median) =>
        Assert.Equal(median, Statistics.Median(values.Zip(counts).ToList()));

    [Fact]
    public void Without_values_there_is_no_median() => Assert.Null(Statistics.Median([]));

    private async Task RecordAsync(string store, string amount, string product)
    {
        var email = await TestStaff.CreateAsync(factory.Services, Roles.ServiceDesk, store);
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(email);
        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product).With("Input.Amount", amount));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
