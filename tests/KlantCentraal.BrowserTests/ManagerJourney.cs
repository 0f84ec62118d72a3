using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Investigations;
using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ManagerJourney(BrowserFixture app)
{
    [Fact]
    public async Task A_manager_fixes_the_cause_and_the_customer_then_sees_what_was_improved()
    {
        var product = "Koffiezetapparaat " + Guid.NewGuid().ToString("N")[..6];
        var code = await RecordAndQueueAsync(product);

        var manager = await app.NewPageAsync();
        await manager.GotoAsync("/Account/Login");
        await manager.GetByLabel("E-mailadres").FillAsync("manager@klantcentraal.test");
        await manager.GetByLabel("Wachtwoord").FillAsync("KlantCentraal-demo-2026");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await manager.GotoAsync("/Manager");
        await manager.GetByRole(AriaRole.Link, new() { Name = product }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Neem in behandeling" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("investigation-status")).ToHaveTextAsync("In behandeling");
        await Assertions.Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Op opgelost zetten" })).ToBeDisabledAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Sluiten zonder oorzaak" })).ToBeHiddenAsync();

        // Closing without cause sits under "Meer acties" and asks first: cancelled, nothing changes.
        await manager.GetByText("Meer acties: sluiten zonder oorzaak, hergroeperen").ClickAsync();
        await manager.GetByLabel("Waarom is er geen oorzaak?").FillAsync("Per ongeluk");
        string? asked = null;
        manager.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.DismissAsync();
        };
        await manager.GetByRole(AriaRole.Button, new() { Name = "Sluiten zonder oorzaak" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("investigation-status")).ToHaveTextAsync("In behandeling");
        Assert.Equal("Dit onderzoek sluiten zonder oorzaak? De klanten krijgen geen verbetering te horen.", asked);

        await manager.GetByLabel("Waarom 1?").FillAsync("Het apparaat lekt");
        await manager.GetByLabel("Waarom 2?").FillAsync("De pakking is te dun");
        await manager.GetByLabel("Waarom 3?").FillAsync("Nieuwe leverancier");
        await manager.GetByLabel("Oorzaakcategorie").SelectOptionAsync(new SelectOptionValue { Label = "Materiaal" });
        await manager.GetByLabel("De oorzaak in één zin").FillAsync("Te dunne pakking van de nieuwe leverancier");
        await manager.GetByLabel("Corrigerende maatregel").FillAsync("Dikkere pakking bestellen");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Analyse opslaan" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("De analyse is opgeslagen.");
        await Assertions.Expect(manager.GetByRole(AriaRole.Img, new() { Name = "Visgraatdiagram" })).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByTestId("investigation-steps").Locator("[aria-current=step]")).ToHaveTextAsync("Klant informeren");

        await manager.GetByLabel("Wat hebben we verbeterd? (in gewone woorden, voor de klant)").FillAsync("Nieuwe koffiezetapparaten krijgen een dikkere pakking, zodat ze niet meer lekken.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Op opgelost zetten" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("investigation-status")).ToHaveTextAsync("Opgelost");

        var customer = await app.NewPageAsync(width: 375, height: 740);
        await customer.GotoAsync("/");
        await customer.GetByLabel("Volgcode").FillAsync(code);
        await customer.GetByLabel("Postcode of e-mailadres").FillAsync("1012 AB");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn klacht" }).ClickAsync();

        await Assertions.Expect(customer.GetByTestId("status")).ToHaveTextAsync("Afgerond");
        await Assertions.Expect(customer.GetByTestId("improvement")).ToHaveTextAsync("Nieuwe koffiezetapparaten krijgen een dikkere pakking, zodat ze niet meer lekken.");
    }

    [Fact]
    public async Task A_manager_finds_a_customer_typed_without_accents_in_the_customer_list_and_opens_their_history()
    {
        var name = "Ünal Çakır " + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(
                new RecordAndResolve(
                    Guid.NewGuid(),
                    new CustomerContact(name, null, "0687654321", "3511 CD"),
                    new ComplaintDetails(Channel.Phone, ComplaintCategory.Service, "Bezorgservice", null, null, null, ReceiptStatus.Unknown, "Te laat bezorgd", ResolutionType.Apology),
                    new GrantedResolution(ResolutionType.Apology, null, null, "Excuses aangeboden"),
                    new StaffMember("seed", "Sanne")),
                CancellationToken.None);
        }

        var manager = await app.NewPageAsync();
        await manager.GotoAsync("/Account/Login");
        await manager.GetByLabel("E-mailadres").FillAsync("manager@klantcentraal.test");
        await manager.GetByLabel("Wachtwoord").FillAsync("KlantCentraal-demo-2026");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Klanten", Exact = true }).ClickAsync();
        await manager.GetByLabel("Zoek op naam, e-mail, telefoon, postcode of klantnummer").FillAsync(SearchText.Fold(name).ToUpperInvariant());
        await manager.GetByLabel("Zoek op naam, e-mail, telefoon, postcode of klantnummer").PressAsync("Enter");

        await Assertions.Expect(manager.GetByTestId("count")).ToContainTextAsync("1 klant(en)");
        var scan = await manager.RunAxe();
        Assert.Empty(scan.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
        await manager.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
    }

    private async Task<string> RecordAndQueueAsync(string product)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(
            new RecordAndResolve(
                Guid.NewGuid(),
                new CustomerContact("Mila de Boer", null, "0611223344", "1012 AB"),
                new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, product, null, null, null, ReceiptStatus.Unknown, "Lekt koffie op het aanrecht", ResolutionType.Replacement),
                new GrantedResolution(ResolutionType.Replacement, null, null, "Nieuw apparaat meegegeven"),
                new StaffMember("seed", "Sanne")),
            CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        return TrackingCode.Parse(recorded.TrackingCode).Display;
    }
}
