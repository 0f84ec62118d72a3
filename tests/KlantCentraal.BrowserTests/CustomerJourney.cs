using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>A customer on a small phone (320 px): complain online, follow it, give feedback — in Dutch and in English.</summary>
[Collection(BrowserCollection.Name)]
public class CustomerJourney(BrowserFixture app)
{
    [Fact]
    public async Task A_customer_complains_online_follows_the_complaint_and_rates_the_help_in_dutch()
    {
        var page = await app.NewPageAsync(width: 320, height: 640);
        await page.GotoAsync("/");
        await ScanAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Klacht indienen" }).ClickAsync();

        await ScanAsync(page);
        await page.GetByLabel("Uw naam").FillAsync("Sem Bakker");
        await page.GetByLabel("Uw e-mailadres").FillAsync($"sem.{Guid.NewGuid():N}@example.nl");
        await page.GetByLabel("Uw postcode (mag leeg blijven)").FillAsync("9711 AB");
        await page.GetByLabel("Over welk product of welke dienst gaat het?").FillAsync("Strijkijzer");
        await page.GetByLabel("Wat is er mis?").FillAsync("Wordt niet meer warm.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Klacht versturen" }).ClickAsync();

        var code = await page.GetByTestId("tracking-code").InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("respond-by")).ToContainTextAsync("of een collega neemt uiterlijk");
        await ScanAsync(page);

        // The thank-you page links straight to the status page: no retyping of the code.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afdrukken" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de status van uw klacht" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Ontvangen");
        await ScanAsync(page);

        await ResolveAsync(code);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Opgelost");
        await Assertions.Expect(page.GetByTestId("received")).ToHaveTextAsync("U krijgt een vervangend product: Nieuw strijkijzer, wordt morgen bezorgd");
        await ScanAsync(page);
        await AssertRatingIsOneRowOfLargeButtonsAsync(await app.NewPageAsync(width: 390, height: 800), page.Url);
        await page.GetByLabel("5", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Wilt u nog iets kwijt? (mag leeg blijven)").FillAsync("Top, snel geregeld.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("thanks")).ToHaveTextAsync("Dank u wel voor uw beoordeling! Daar leren we van.");
        await Assertions.Expect(page.GetByTestId("feedback-given")).ToContainTextAsync("U gaf ons een 5 van 5.");
        await ScanAsync(page);
    }

    [Fact]
    public async Task The_same_journey_works_in_english_on_a_phone()
    {
        var page = await app.NewPageAsync(width: 375, height: 740);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Link, new() { Name = "Submit a complaint" }).ClickAsync();

        await page.GetByLabel("Your name").FillAsync("Emma Jones");
        await page.GetByLabel("Your e-mail address").FillAsync($"emma.{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Which product or service is it about?").FillAsync("Kettle");
        await page.GetByLabel("What is wrong?").FillAsync("It leaks.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send complaint" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you, we have received your complaint");
        await ScanAsync(page);
        var code = await page.GetByTestId("tracking-code").InnerTextAsync();

        await page.GotoAsync("/Track");
        await page.GetByLabel("Tracking code").FillAsync(code);
        await page.GetByLabel("Postcode or e-mail address").FillAsync("0000XX");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my complaint" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("We cannot find a complaint with this tracking code");
        await ScanAsync(page);
    }

    private async Task ResolveAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().ResolveAsync(
            new ResolveReceived(
                TrackingCode.Parse(code).Value,
                new GrantedResolution(ResolutionType.Replacement, null, null, "Nieuw strijkijzer, wordt morgen bezorgd"),
                new StaffMember("seed", "Sanne")),
            CancellationToken.None);
    }

    /// <summary>On a 390 px phone the five rating choices are buttons of at least 44 × 44 px in one row.</summary>
    private static async Task AssertRatingIsOneRowOfLargeButtonsAsync(IPage phone, string statusUrl)
    {
        await phone.GotoAsync(statusUrl);
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var choice in await phone.GetByTestId("rating").Locator("label").AllAsync())
        {
            boxes.Add((await choice.BoundingBoxAsync())!);
        }

        Assert.Equal(5, boxes.Count);
        Assert.All(boxes, b => Assert.True(b.Width >= 44 && b.Height >= 44, $"{b.Width} × {b.Height} px"));
        Assert.Single(boxes.Select(b => Math.Round(b.Y)).Distinct());
    }

    /// <summary>No serious or critical accessibility violation, and nothing wider than the screen.</summary>
    private static async Task ScanAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")
            .ToList();
        Assert.Empty(serious);
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflows, $"{page.Url} is wider than the screen");
    }
}
