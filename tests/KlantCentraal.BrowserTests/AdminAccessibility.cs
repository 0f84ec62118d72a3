using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 26, finding 16: the store import's example scrolled sideways but could not be reached with the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public class AdminAccessibility(BrowserFixture app)
{
    [Fact]
    public async Task The_store_import_passes_an_accessibility_scan_before_and_after_a_preview_and_its_example_takes_the_focus()
    {
        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new System.Text.RegularExpressions.Regex(".*/Admin/.*"), width: 800);
        await admin.GotoAsync("/Admin/StoreImport");
        await AssertNoSeriousViolationsAsync(admin);

        await admin.GetByRole(AriaRole.Region, new() { Name = "Voorbeeld van een CSV-bestand" }).FocusAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Voorbeeld van een CSV-bestand" })).ToBeFocusedAsync();

        foreach (var csv in new[] { "code;naam;plaats\nGDA-01;KlantCentraal Gouda;Gouda\n", "code;naam;plaats\nGDA-01;;Gouda\n" })
        {
            await admin.GotoAsync("/Admin/StoreImport");
            await admin.GetByLabel("CSV-bestand", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "winkels.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();
            await Assertions.Expect(admin.GetByTestId("import-summary")).ToBeVisibleAsync();
            await AssertNoSeriousViolationsAsync(admin);
        }
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        Assert.Empty(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }
}
