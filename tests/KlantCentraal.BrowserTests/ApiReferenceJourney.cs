using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 30, item 5: the API reference (Swagger UI) renders its operations in Chromium without breaking the page's security policy.</summary>
[Collection(BrowserCollection.Name)]
public class ApiReferenceJourney(BrowserFixture app)
{
    [Fact]
    public async Task An_integrator_reads_the_api_reference_without_a_security_policy_error()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/api/docs/index.html");

        await Assertions.Expect(page.GetByText("/api/v1/complaints", new() { Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".opblock-tag-section").First).ToBeVisibleAsync();
        Assert.Empty(violations);
    }
}
