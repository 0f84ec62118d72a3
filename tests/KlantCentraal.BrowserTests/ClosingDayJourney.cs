using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 28: an administrator closes a day, and every promise to the next customer counts it — the same date everywhere.</summary>
[Collection(BrowserCollection.Name)]
public partial class ClosingDayJourney(BrowserFixture app)
{
    [GeneratedRegex(@"uiterlijk (\d{2}-\d{2}-\d{4})")]
    private static partial Regex Promise();

    private static DateOnly Read(string text) => DateOnly.ParseExact(Promise().Match(text).Groups[1].Value, "dd-MM-yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_administrator_closes_the_promised_day_and_the_thank_you_page_status_page_and_letter_promise_the_next_working_day()
    {
        var customer = await app.NewPageAsync();
        await customer.GotoAsync("/Complain");
        var before = Read(await customer.Locator("p.lead").InnerTextAsync());

        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/"));
        await admin.GetByRole(AriaRole.Link, new() { Name = "Sluitingsdagen" }).ClickAsync();
        await admin.GetByLabel("Datum").FillAsync(before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByLabel("Reden (die zien klanten in de agenda)").FillAsync("Teamdag");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Toevoegen", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("is een sluitingsdag");
        await Assertions.Expect(admin.GetByTestId("closed-days")).ToContainTextAsync("Teamdag");
        try
        {
            var email = $"teamdag.{Guid.NewGuid():N}@example.nl";
            await customer.GotoAsync("/Complain");
            await customer.GetByLabel("Uw naam").FillAsync("Iris de Wit");
            await customer.GetByLabel("Uw e-mailadres").FillAsync(email);
            await customer.GetByLabel("Over welk product of welke dienst gaat het?").FillAsync("Koffiemolen");
            await customer.GetByLabel("Wat is er mis?").FillAsync("Maalt niet fijn genoeg.");
            await customer.GetByRole(AriaRole.Button, new() { Name = "Klacht versturen" }).ClickAsync();

            var promised = Read(await customer.GetByTestId("respond-by").InnerTextAsync());
            Assert.True(promised > before, $"The promise {promised} should come after the closed day {before}.");
            await customer.GetByRole(AriaRole.Link, new() { Name = "Bekijk de status van uw klacht" }).ClickAsync();
            Assert.Equal(promised, Read(await customer.Locator("main").InnerTextAsync()));
            var letter = Directory.EnumerateFiles(app.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(a => a.Address == email));
            Assert.Equal(promised, Read(letter.TextBody ?? string.Empty));
        }
        finally
        {
            // The other journeys share this app: the day opens again.
            await admin.GetByRole(AriaRole.Button, new() { Name = $"{before:dd-MM-yyyy} verwijderen" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("De sluitingsdag is verwijderd.");
        }
    }

    [Fact]
    public async Task The_desk_asks_for_more_time_with_a_reason_and_the_customer_reads_the_new_date_and_why_on_the_status_page()
    {
        var customer = await app.NewPageAsync();
        await customer.GotoAsync("/Complain");
        await customer.GetByLabel("Uw naam").FillAsync("Bas Vermeer");
        await customer.GetByLabel("Uw e-mailadres").FillAsync($"bas.{Guid.NewGuid():N}@example.nl");
        await customer.GetByLabel("Over welk product of welke dienst gaat het?").FillAsync("Tuinslang");
        await customer.GetByLabel("Wat is er mis?").FillAsync("Lekt bij de koppeling.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Klacht versturen" }).ClickAsync();
        var code = await customer.GetByTestId("tracking-code").InnerTextAsync();
        var promised = Read(await customer.GetByTestId("respond-by").InnerTextAsync());
        await customer.GetByRole(AriaRole.Link, new() { Name = "Bekijk de status van uw klacht" }).ClickAsync();

        var desk = await app.SignedInPageAsync("balie@klantcentraal.test", new Regex("/Desk"));
        await desk.GotoAsync($"/Desk/Complaint/{code}");
        await desk.GetByText("Meer tijd nodig?").ClickAsync();
        var later = promised.AddDays(7);
        await desk.GetByLabel("Nieuwe datum").FillAsync(later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await desk.GetByLabel("Waarom (de klant leest dit)").FillAsync("de fabrikant test de koppeling.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Termijn verlengen" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync($"De termijn is verlengd tot {later:dd-MM-yyyy}.");
        await Assertions.Expect(desk.GetByTestId("respond-by")).ToContainTextAsync("verlengd: de fabrikant test de koppeling.");

        await customer.ReloadAsync();
        await Assertions.Expect(customer.Locator("main")).ToContainTextAsync($"We hebben meer tijd nodig: u hoort uiterlijk op {later:dd-MM-yyyy} van ons, omdat de fabrikant test de koppeling.");
    }

    [Fact]
    public async Task The_administrator_presses_send_now_on_the_connections_page_and_reads_what_happened()
    {
        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/"));
        await admin.GetByRole(AriaRole.Link, new() { Name = "Verbindingen" }).ClickAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Nu versturen" }).ClickAsync();

        await Assertions.Expect(admin.GetByTestId("test-outbox")).ToContainTextAsync("brieven verstuurd;");
    }
}
