using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Desk;

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
            await scope.ServiceProvider.GetRequiredService<Web.Investigations.RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
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

    [Fact]
    public async Task The_customer_list_finds_a_customer_without_accents_shows_their_totals_and_exports_the_same_selection()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"ebene.{Guid.NewGuid():N}@example.nl";
        var name = "Ébène Vos-" + email[6..12];
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster").With("Input.CustomerName", name).With("Input.Amount", "12,50"));
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Koffiemolen").With("Input.CustomerName", name).With("Input.Amount", "7,50"));
        var id = await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var typed = Uri.EscapeDataString(Domain.SearchText.Fold(name));
        var list = System.Net.WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Customers?q={typed}"));
        var csv = await manager.GetStringAsync($"/Manager/Customers?handler=Csv&q={typed}");
        var flaggedBefore = System.Net.WebUtility.HtmlDecode(await manager.GetHtmlAsync("/Manager/Customers?flagged=true"));
        await manager.PostFormAsync($"/Manager/Customer/{id}", new Dictionary<string, string> { ["Reason"] = "Drie keer hetzelfde bonnetje" }, $"/Manager/Customer/{id}?handler=Flag");
        var flaggedAfter = System.Net.WebUtility.HtmlDecode(await manager.GetHtmlAsync("/Manager/Customers?flagged=true"));

        Assert.Contains("1 klant(en)", list);
        Assert.Contains($"/Manager/Customer/{id}", list);
        Assert.Contains("€ 20,00", list);
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Klantnummer;Naam;E-mailadres;Telefoonnummer;Postcode;Klachten;Goodwill (euro);Laatste klacht;Vertrouwensmarkering", lines[0]);
        Assert.StartsWith($"{Domain.Customer.FormatNumber(id)};{name};{email};", Assert.Single(lines.Skip(1)));
        Assert.Contains(";2;20,00;", lines[1]);
        Assert.DoesNotContain(name, flaggedBefore);
        Assert.Contains(name, flaggedAfter);
    }
}
