using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 26, finding 1: the header's "Uitloggen" answered 400 in every browser and left the desk open.</summary>
[Collection(BrowserCollection.Name)]
public class SignOutJourney(BrowserFixture app)
{
    [Fact]
    public async Task Clicking_sign_out_in_the_header_closes_the_desk_for_the_next_person_at_the_computer()
    {
        var page = await app.SignedInPageAsync("balie@klantcentraal.test", new System.Text.RegularExpressions.Regex("/Desk$"));
        await page.GotoAsync("/Desk/Complaints");

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inloggen medewerkers" })).ToBeVisibleAsync();
        await page.GotoAsync("/Desk/Complaints");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" })).ToHaveCountAsync(0);
    }
}
