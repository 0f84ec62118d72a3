using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

[Collection(BrowserCollection.Name)]
public class StoresJourney(BrowserFixture app)
{
    [Fact]
    public async Task A_desk_employee_with_two_stores_chooses_one_and_a_refund_above_its_budget_is_co_signed_on_the_spot()
    {
        var admin = await app.NewPageAsync();
        await SignInAsync(admin, "beheer@klantcentraal.test", "**/Admin/**");
        await admin.GotoAsync("/Admin/Stores");
        await admin.GetByRole(AriaRole.Link, new() { Name = "AMS-01" }).ClickAsync();
        await admin.GetByLabel("Goodwillbudget per maand (euro)").FillAsync("100,00");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Winkel AMS-01 is opgeslagen.");

        var desk = await app.NewPageAsync();
        await SignInAsync(desk, "winkels@klantcentraal.test", "**/Desk/Store**");
        await desk.GetByLabel("KlantCentraal Amsterdam (Amsterdam)").CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Kies deze winkel" }).ClickAsync();
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex("/Desk$"));
        await Assertions.Expect(desk.GetByTestId("desk-store")).ToHaveTextAsync("Winkel: KlantCentraal Amsterdam");
        await Assertions.Expect(desk.GetByTestId("store-budget")).ToContainTextAsync("van € 100,00 gebruikt");

        await desk.GetByLabel("Naam", new() { Exact = true }).FillAsync("Joost de Vries");
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync($"joost.{Guid.NewGuid():N}@example.nl");
        await desk.GetByLabel("Product of dienst").FillAsync("Fietsband 28 inch");
        await desk.GetByLabel("Wat is er mis?").FillAsync("Band gescheurd bij het oppompen.");
        await desk.GetByLabel("Bedrag in euro's").FillAsync("120,00");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();

        await Assertions.Expect(desk.GetByText("het goodwillbudget van KlantCentraal Amsterdam voor deze maand").First).ToBeVisibleAsync();
        await desk.GetByLabel("E-mailadres van de manager").FillAsync("manager@klantcentraal.test");
        await desk.GetByLabel("Wachtwoord of PIN van de manager").FillAsync("KlantCentraal-demo-2026");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Meetekenen en oplossen" }).ClickAsync();

        await Assertions.Expect(desk.GetByTestId("received")).ToHaveTextAsync("U krijgt € 120,00 terug via: oorspronkelijke betaalwijze.");

        // The choice is remembered: the next visit goes straight to the desk of Amsterdam.
        await desk.GotoAsync("/Desk");
        await Assertions.Expect(desk.GetByTestId("desk-store")).ToHaveTextAsync("Winkel: KlantCentraal Amsterdam");
        await Assertions.Expect(desk.GetByTestId("store-budget")).ToContainTextAsync("€ 120,00 van € 100,00 gebruikt, nog € 0,00 over");
    }

    [Fact]
    public async Task A_manager_compares_the_stores_sorts_them_and_downloads_the_table()
    {
        var manager = await app.NewPageAsync();
        await SignInAsync(manager, "manager@klantcentraal.test", "**/Desk");
        await manager.GotoAsync("/Manager/Dashboard");
        await manager.GetByTestId("compare-stores").ClickAsync();

        var table = manager.GetByTestId("store-comparison");
        await Assertions.Expect(table.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(3);
        await table.GetByRole(AriaRole.Link, new() { Name = "Klachten" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("store-comparison").GetByRole(AriaRole.Columnheader, new() { Name = "Klachten" })).ToHaveAttributeAsync("aria-sort", "ascending");

        await manager.GetByLabel("Winkel", new() { Exact = true }).SelectOptionAsync("RTM-01");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("store-comparison").GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(1);
        await Assertions.Expect(manager.GetByTestId("store-comparison")).ToContainTextAsync("KlantCentraal Rotterdam");

        var download = await manager.RunAndWaitForDownloadAsync(() => manager.GetByRole(AriaRole.Link, new() { Name = "Download als CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("RTM-01;KlantCentraal Rotterdam;", csv);
        Assert.DoesNotContain("UTR-01", csv);
    }

    private static Task SignInAsync(IPage page, string email, string landsOn) =>
        BrowserFixture.SignInAsync(page, email, new System.Text.RegularExpressions.Regex("^" + landsOn.Replace("**", ".*", StringComparison.Ordinal) + "$"));
}
