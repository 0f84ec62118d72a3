using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>
/// Issue 31: the administrator's pages now write through services (SettingsChanges, ApiKeyRegistry, SavedReplies);
/// their forms, clicked in Chromium as an administrator would.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdminWritesJourney(BrowserFixture app)
{
    [Fact]
    public async Task The_administrator_saves_the_settings_issues_and_revokes_an_api_key_and_keeps_a_saved_reply()
    {
        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/"));
        var name = "Koppeling " + Guid.NewGuid().ToString("N")[..8];

        // Saved as they are: other journeys share this app and its organisation's details.
        await admin.GotoAsync("/Admin/Settings");
        var phone = await admin.GetByLabel("Telefoonnummer").InputValueAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("De instellingen zijn opgeslagen en gelden meteen.");
        await Assertions.Expect(admin.GetByLabel("Telefoonnummer")).ToHaveValueAsync(phone);

        await admin.GotoAsync("/Admin/ApiKeys");
        await admin.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("Klachten lezen").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sleutel aanmaken" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("new-key")).ToHaveTextAsync(new Regex(@"^\S{20,}$"));
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Intrekken {name}" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"De sleutel {name} is ingetrokken en werkt niet meer.");

        await admin.GotoAsync("/Admin/SavedReplies");
        await admin.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("Tekst (Nederlands)").FillAsync("Beste {voornaam}, dank voor uw geduld.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het standaardantwoord is opgeslagen.");
        await Assertions.Expect(admin.GetByTestId("saved-replies")).ToContainTextAsync(name);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen {name}" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het standaardantwoord is verwijderd.");
        await Assertions.Expect(admin.GetByText(name)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_administrator_confirms_a_store_import_and_follows_it_on_its_progress_page_until_it_is_done()
    {
        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/"));
        var prefix = "P" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var csv = new System.Text.StringBuilder("code;naam;plaats\n");
        for (var i = 0; i < 6000; i++)
        {
            csv.Append(prefix).Append('-').Append(i).Append(";Winkel ").Append(i).Append(";Gouda\n");
        }

        await admin.GotoAsync("/Admin/StoreImport");
        await admin.GetByLabel("CSV-bestand", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "winkels.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv.ToString()) });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "6000 winkel(s) importeren" }).ClickAsync();

        // The progress page asks the server by itself until the import has ended; a refresh shows the same import.
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/Admin/Import/[0-9a-f-]{36}$"));
        await Assertions.Expect(admin.GetByTestId("import-result")).ToHaveTextAsync("Import klaar: 6000 nieuwe winkel(s), 0 bijgewerkt, 0 ongewijzigd.");
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("import-result")).ToHaveTextAsync("Import klaar: 6000 nieuwe winkel(s), 0 bijgewerkt, 0 ongewijzigd.");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Terug naar importeren" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("recent-imports")).ToContainTextAsync("klaar, 6.000 rij(en)");
    }
}
