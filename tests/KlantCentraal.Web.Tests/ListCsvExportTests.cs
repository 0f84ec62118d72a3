using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests;

public class ListsExportAsCsv(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task The_desk_list_exports_exactly_the_complaints_its_filters_show()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Exportlamp {Guid.NewGuid():N}"[..24];
        var first = (await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product).With("Input.Amount", "12,50"))).TrackingCode();
        await desk.PostFormAsync("/Desk", DeskForm.Valid(product: "Iets anders"));

        var response = await desk.GetAsync($"/Desk/Complaints?handler=Csv&q={Uri.EscapeDataString(product)}");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Volgcode;Datum;Klant;Product;Binnengekomen via;Categorie;Status;Oplossing;Bedrag (euro);Winkel", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith(Domain.TrackingCode.Parse(first).Display + ";", row);
        Assert.Contains($";{product};Balie;", row);
        Assert.EndsWith(";Terugbetaling;12,50;UTR-01", row);
    }

    [Fact]
    public async Task The_managers_list_exports_its_investigations_with_their_filters()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Onderzoekslamp {Guid.NewGuid():N}"[..26];
        await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Investigations.RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var csv = await manager.GetStringAsync($"/Manager?handler=Csv&q={Uri.EscapeDataString(product)}");
        var all = await manager.GetStringAsync("/Manager?handler=Csv");

        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Onderzoek;Categorie;Status;Eigenaar;Geopend op;Uiterlijk;Klachten;Goodwill (euro)", lines[0]);
        Assert.StartsWith($"{product};", Assert.Single(lines.Skip(1)));
        Assert.Equal(await factory.WithDbAsync(db => db.Investigations.CountAsync(i => i.Status == Domain.InvestigationStatus.Open || i.Status == Domain.InvestigationStatus.InProgress)), all.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }
}
