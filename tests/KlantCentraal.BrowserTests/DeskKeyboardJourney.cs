using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>The desk flow with the keyboard alone: no clicks, only typing, Tab, arrows and Enter.</summary>
[Collection(BrowserCollection.Name)]
public partial class DeskKeyboardJourney(BrowserFixture app)
{
    [GeneratedRegex("^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$")]
    private static partial Regex TrackingCodeShape();

    [Fact]
    public async Task A_returning_customer_is_found_recognised_and_helped_without_touching_the_mouse()
    {
        var surname = "Keyboard" + Guid.NewGuid().ToString("N")[..6];
        await RecordEarlierComplaintAsync($"Joost {surname}", $"{surname.ToLowerInvariant()}@example.nl");
        var desk = await app.NewPageAsync();
        await SignInWithKeyboardAsync(desk, "balie@klantcentraal.test");

        await Assertions.Expect(desk.Locator("#customer-search")).ToBeFocusedAsync();
        await desk.Keyboard.TypeAsync(surname);
        await Assertions.Expect(desk.GetByTestId("customer-match")).ToHaveCountAsync(1);
        await desk.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(desk.GetByTestId("customer-match")).ToBeFocusedAsync();
        await desk.Keyboard.PressAsync("Enter");

        await Assertions.Expect(desk.GetByTestId("returning")).ToContainTextAsync("Welkom terug, Joost!");
        await Assertions.Expect(desk.GetByTestId("goodwill")).ToHaveTextAsync("€ 12,50");
        var product = desk.GetByLabel("Product of dienst");
        await Assertions.Expect(product).ToBeFocusedAsync();
        var outline = await product.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
        await desk.Keyboard.TypeAsync("Fietspomp");
        await TabToAsync(desk, "Wat is er mis?");
        await desk.Keyboard.TypeAsync("Het ventiel is afgebroken.");
        await TabToAsync(desk, "Bedrag in euro's");
        await desk.Keyboard.TypeAsync("19,99");
        await desk.Keyboard.PressAsync("Enter");

        await Assertions.Expect(desk.GetByTestId("tracking-code")).ToHaveTextAsync(TrackingCodeShape());
        await Assertions.Expect(desk.GetByTestId("received")).ToHaveTextAsync("U krijgt € 19,99 terug via: oorspronkelijke betaalwijze.");
        await Assertions.Expect(desk.GetByTestId("mailed")).ToContainTextAsync($"{surname.ToLowerInvariant()}@example.nl");
    }

    [Fact]
    public async Task A_refund_above_the_limit_is_co_signed_by_a_manager_on_the_same_screen()
    {
        var desk = await app.NewPageAsync();
        await SignInWithKeyboardAsync(desk, "balie@klantcentraal.test");
        await TabToAsync(desk, "Naam");
        await desk.Keyboard.TypeAsync("Petra Groot");
        await TabToAsync(desk, "Telefoonnummer");
        await desk.Keyboard.TypeAsync("06-98765432");
        await TabToAsync(desk, "Product of dienst");
        await desk.Keyboard.TypeAsync("Wasmachine");
        await TabToAsync(desk, "Wat is er mis?");
        await desk.Keyboard.TypeAsync("Lekt water na de eerste was.");
        await TabToAsync(desk, "Bedrag in euro's");
        await desk.Keyboard.TypeAsync("449,00");
        await desk.Keyboard.PressAsync("Enter");

        await Assertions.Expect(desk.GetByRole(AriaRole.Alert)).ToContainTextAsync("Een manager tekent mee, want het bedrag is hoger dan € 250,00.");
        var managerEmail = desk.GetByLabel("E-mailadres van de manager");
        await Assertions.Expect(managerEmail).ToBeFocusedAsync();
        await desk.Keyboard.TypeAsync("manager@klantcentraal.test");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync("KlantCentraal-demo-2026");
        await desk.Keyboard.PressAsync("Enter");

        await Assertions.Expect(desk.GetByTestId("tracking-code")).ToHaveTextAsync(TrackingCodeShape());
        await Assertions.Expect(desk.GetByTestId("co-signed")).ToHaveTextAsync("Daan");
        await Assertions.Expect(desk.GetByTestId("received")).ToHaveTextAsync("U krijgt € 449,00 terug via: oorspronkelijke betaalwijze.");
        await Assertions.Expect(desk.GetByText("Ingelogd als balie@klantcentraal.test")).ToBeVisibleAsync();
    }

    private async Task RecordEarlierComplaintAsync(string name, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        await desk.RecordAndResolveAsync(
            new RecordAndResolve(
                Guid.NewGuid(),
                new CustomerContact(name, email, null, "3511CD"),
                new ComplaintDetails(Channel.Phone, ComplaintCategory.Delivery, "Fietsband", null, null, null, ReceiptStatus.Yes, "Te laat", ResolutionType.Voucher),
                new GrantedResolution(ResolutionType.Voucher, new Money(1250), null, null),
                new StaffMember("seed", "Sanne")),
            CancellationToken.None);
    }

    private static async Task SignInWithKeyboardAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.GetByLabel("E-mailadres")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("KlantCentraal-demo-2026");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Desk$"));
    }

    /// <summary>Presses Tab until the field with this label has the focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string label)
    {
        var field = page.GetByLabel(label, new() { Exact = true });
        for (var presses = 0; presses < 60; presses++)
        {
            if (await field.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached the field '{label}'.");
    }
}
