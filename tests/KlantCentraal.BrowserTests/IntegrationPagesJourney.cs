using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 29: the new pages, clicked as their users would — an administrator imports history and registers a webhook, a manager turns the report e-mails off.</summary>
[Collection(BrowserCollection.Name)]
public class IntegrationPagesJourney(BrowserFixture app)
{
    [Fact]
    public async Task The_administrator_imports_a_helpdesk_export_and_registers_a_webhook_and_the_desk_welcomes_the_customer_back()
    {
        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/"));
        var ticket = Guid.NewGuid().ToString("N")[..8];
        var email = $"oud.{ticket}@example.nl";

        await admin.GetByRole(AriaRole.Link, new() { Name = "Klachten importeren" }).ClickAsync();
        await admin.GetByLabel("Bestand", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "tickets.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"ticketnummer;naam;email;onderwerp;omschrijving;datum\n{ticket};Hanna Smit;{email};Waterkoker lekt;Lekt onderaan;2025-04-02\n"),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("import-summary")).ToHaveTextAsync("CSV: 1 ticket(s), 0 met fouten.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "1 ticket(s) importeren" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("import-result")).ToContainTextAsync("Import klaar: 1 nieuwe klacht(en)");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await admin.GetByLabel("Adres (https)").FillAsync($"https://boekhouding-{ticket}.winkelketen.nl/klantcentraal");
        await admin.GetByLabel("Omschrijving").FillAsync("Boekhouding");
        await admin.GetByLabel("complaint.resolved").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Eindpunt aanmaken" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("new-secret")).ToHaveTextAsync(new Regex("^whsec_"));
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Pauzeren https://boekhouding-{ticket}.winkelketen.nl/klantcentraal" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Het eindpunt is gepauzeerd");
        await Assertions.Expect(admin.GetByTestId("endpoints")).ToContainTextAsync("Gepauzeerd sinds");

        var desk = await app.SignedInPageAsync("balie@klantcentraal.test", new Regex("/Desk"));
        await desk.GetByLabel("Naam, e-mailadres, telefoonnummer, postcode of klantnummer").FillAsync(email);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Zoek klant" }).ClickAsync();
        await desk.GetByTestId("customer-match").First.ClickAsync();
        await Assertions.Expect(desk.GetByTestId("returning")).ToContainTextAsync("Welkom terug, Hanna!");
        await Assertions.Expect(desk.GetByTestId("returning")).ToContainTextAsync("Waterkoker lekt");
    }

    [Fact]
    public async Task A_manager_turns_the_report_emails_off_and_on_again_on_the_dashboard()
    {
        var manager = await app.SignedInPageAsync("manager@klantcentraal.test", new Regex("/Desk"));
        await manager.GotoAsync("/Manager/Dashboard");
        await manager.GetByTestId("report-emails").GetByRole(AriaRole.Button, new() { Name = "Uitzetten" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("U krijgt geen overzichten meer per e-mail.");
        await manager.GetByTestId("report-emails").GetByRole(AriaRole.Button, new() { Name = "Aanzetten" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("U krijgt de overzichten weer per e-mail.");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Managementreview" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Managementreview", Level = 1 })).ToBeVisibleAsync();
    }
}
