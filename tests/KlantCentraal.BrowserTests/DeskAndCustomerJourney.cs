using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

[Collection(BrowserCollection.Name)]
public class DeskAndCustomerJourney(BrowserFixture app)
{
    /// <summary>Issue 41, finding 6: someone else's phone number is asked about on the desk form, never merged.</summary>
    [Fact]
    public async Task A_new_customer_typed_with_someone_elses_phone_number_is_asked_about_and_stays_a_new_customer()
    {
        var phone = "06" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Complaints.ComplaintDesk>().RecordAndResolveAsync(
                new KlantCentraal.Web.Complaints.RecordAndResolve(
                    Guid.NewGuid(),
                    new KlantCentraal.Web.Complaints.CustomerContact("Victor Bekend", $"victor.{Guid.NewGuid():N}@example.nl", phone, "3511 AB"),
                    new KlantCentraal.Domain.ComplaintDetails(KlantCentraal.Domain.Channel.Counter, KlantCentraal.Domain.ComplaintCategory.ProductDefect, "Föhn", null, null, null, KlantCentraal.Domain.ReceiptStatus.Unknown, "Wordt te heet", KlantCentraal.Domain.ResolutionType.Apology, null),
                    new KlantCentraal.Domain.GrantedResolution(KlantCentraal.Domain.ResolutionType.Apology, null, null, "Excuses aangeboden"),
                    new KlantCentraal.Domain.StaffMember("seed", "Sanne")),
                CancellationToken.None);
        }

        var desk = await app.SignedInPageAsync("balie@klantcentraal.test", new System.Text.RegularExpressions.Regex("/Desk$"));
        var petra = $"petra.{Guid.NewGuid():N}@example.nl";
        await desk.GetByLabel("Naam", new() { Exact = true }).FillAsync("Petra Jansen");
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync(petra);
        await desk.GetByLabel("Telefoonnummer", new() { Exact = true }).FillAsync(phone);
        await desk.GetByLabel("Product of dienst").FillAsync("Stofzuiger");
        await desk.GetByRole(AriaRole.Group, new() { Name = "Heeft de klant een bon? (alleen ter informatie)" }).GetByLabel("Nee").CheckAsync();
        await desk.GetByLabel("Wat is er mis?").FillAsync("Zuigt niet meer.");
        await desk.GetByLabel("Bedrag in euro's").FillAsync("19,95");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();

        var question = desk.GetByTestId("known-phone");
        await Assertions.Expect(question).ToContainTextAsync("Er is al een klant met dit telefoonnummer: Victor Bekend");
        await question.GetByLabel("Toch een nieuwe klant: Petra Jansen").CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();

        await Assertions.Expect(desk.GetByTestId("tracking-code")).ToBeVisibleAsync();
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>();
        Assert.Equal("Petra Jansen", await db.Customers.Where(c => c.Email == petra).Select(c => c.Name).SingleAsync());
        Assert.Equal("Victor Bekend", await db.Customers.Where(c => c.Phone == phone && c.Email != petra).Select(c => c.Name).SingleAsync());
    }

    [Fact]
    public async Task A_desk_employee_refunds_a_customer_without_receipt_and_the_customer_then_sees_it_resolved()
    {
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, "balie@klantcentraal.test");
        await Assertions.Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Desk$"));

        await desk.GetByLabel("Naam", new() { Exact = true }).FillAsync("Fatima el Amrani");
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync($"fatima.{Guid.NewGuid():N}@example.nl");
        await desk.GetByLabel("Postcode", new() { Exact = true }).FillAsync("1012 AB");
        await desk.GetByLabel("Product of dienst").FillAsync("Waterkoker Deluxe");
        await desk.GetByRole(AriaRole.Group, new() { Name = "Heeft de klant een bon? (alleen ter informatie)" }).GetByLabel("Nee").CheckAsync();
        await desk.GetByLabel("Wat is er mis?").FillAsync("Het deksel sluit niet en de waterkoker lekt.");
        await desk.GetByLabel("Bedrag in euro's").FillAsync("24,95");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();

        var code = desk.GetByTestId("tracking-code");
        await Assertions.Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$"));
        await Assertions.Expect(desk.GetByTestId("received")).ToHaveTextAsync("U krijgt € 24,95 terug via: oorspronkelijke betaalwijze.");
        var trackingCode = await code.InnerTextAsync();

        var customer = await app.NewPageAsync(width: 375, height: 740);
        await customer.GotoAsync("/");
        await customer.GetByLabel("Volgcode").FillAsync(trackingCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        await customer.GetByLabel("Postcode of e-mailadres").FillAsync("1012ab");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn klacht" }).ClickAsync();

        await Assertions.Expect(customer.GetByTestId("status")).ToHaveTextAsync("Opgelost");
        await Assertions.Expect(customer.GetByTestId("received")).ToHaveTextAsync("U krijgt € 24,95 terug via: oorspronkelijke betaalwijze.");
        await Assertions.Expect(customer.GetByText("U werd geholpen door Sanne")).ToBeVisibleAsync();
        Assert.DoesNotContain(trackingCode, customer.Url, StringComparison.OrdinalIgnoreCase);
        await AssertNoSeriousAccessibilityViolationsAsync(customer);
    }

    [Fact]
    public async Task The_co_sign_fields_appear_while_typing_an_amount_above_the_limit_so_a_manager_can_be_called_first()
    {
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, "balie@klantcentraal.test");
        var coSign = desk.GetByTestId("co-sign");
        await Assertions.Expect(coSign).ToBeHiddenAsync();

        await desk.GetByLabel("Bedrag in euro's").FillAsync("200");
        await Assertions.Expect(coSign).ToBeHiddenAsync();
        await desk.GetByLabel("Bedrag in euro's").FillAsync("1.250,00");

        await Assertions.Expect(coSign).ToBeVisibleAsync();
        await Assertions.Expect(desk.GetByLabel("E-mailadres van de manager")).ToBeVisibleAsync();
        await Assertions.Expect(desk.GetByTestId("second-co-sign")).ToBeHiddenAsync();
        await desk.GetByLabel("Bedrag in euro's").FillAsync("3000");
        await Assertions.Expect(desk.GetByTestId("second-co-sign")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Back_after_the_confirmation_and_sending_again_never_stores_a_second_complaint()
    {
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, "balie@klantcentraal.test");
        var email = $"pieter.{Guid.NewGuid():N}@example.nl";
        await FillDeskFormAsync(desk, "Pieter de Graaf", email);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();
        var code = await desk.GetByTestId("tracking-code").InnerTextAsync();

        await desk.GoBackAsync();
        await FillDeskFormAsync(desk, "Pieter de Graaf", email);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();

        // Either the form is the same submission (the same code again) or the desk is asked first.
        var asked = desk.GetByTestId("same-complaint");
        await Assertions.Expect(asked.Or(desk.GetByTestId("tracking-code"))).ToBeVisibleAsync();
        if (await asked.IsVisibleAsync())
        {
            await Assertions.Expect(asked).ToContainTextAsync("Pieter heeft");
            await Assertions.Expect(asked).ToContainTextAsync("geleden al een klacht over dit product");
        }
        else
        {
            await Assertions.Expect(desk.GetByTestId("tracking-code")).ToHaveTextAsync(code);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>();
        Assert.Equal(1, await db.Complaints.CountAsync(c => c.Customer!.Email == email));
    }

    [Fact]
    public async Task A_returning_customer_is_recognised_as_their_email_address_is_typed()
    {
        var desk = await app.NewPageAsync();
        await SignInAsync(desk, "balie@klantcentraal.test");
        var email = $"terug.{Guid.NewGuid():N}@example.nl";
        await FillDeskFormAsync(desk, "Pieter de Graaf", email);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("tracking-code")).ToBeVisibleAsync();

        await desk.GotoAsync("/Desk");
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync(email);
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).PressAsync("Tab");

        await Assertions.Expect(desk.GetByTestId("known-customer")).ToContainTextAsync("Dit is Pieter de Graaf, 1 eerdere klacht(en).");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Gebruiken?" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("returning")).ToContainTextAsync("Welkom terug, Pieter!");
    }

    private static async Task FillDeskFormAsync(IPage desk, string name, string email)
    {
        await desk.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync(email);
        await desk.GetByLabel("Product of dienst").FillAsync("Waterkoker Deluxe");
        await desk.GetByLabel("Wat is er mis?").FillAsync("Het deksel sluit niet.");
        await desk.GetByLabel("Bedrag in euro's").FillAsync("24,95");
    }

    [Fact]
    public async Task A_customer_who_types_a_wrong_postcode_is_told_what_to_check()
    {
        var customer = await app.NewPageAsync(width: 320, height: 640);
        await customer.GotoAsync("/Track");

        await customer.GetByLabel("Volgcode").FillAsync("K7M-4PX-9QR");
        await customer.GetByLabel("Postcode of e-mailadres").FillAsync("9999ZZ");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn klacht" }).ClickAsync();

        await Assertions.Expect(customer.GetByRole(AriaRole.Alert)).ToContainTextAsync("We vinden geen klacht met deze volgcode");
        await Assertions.Expect(customer.GetByText("We vinden geen klacht met deze volgcode")).ToHaveCountAsync(1);
        await Assertions.Expect(customer.GetByLabel("Volgcode")).ToHaveValueAsync("K7M-4PX-9QR");
        var gap = await customer.EvaluateAsync<double>("() => document.querySelector('h1').getBoundingClientRect().top - document.querySelector('.site-header').getBoundingClientRect().bottom");
        Assert.True(gap >= 16, $"the heading sits {gap} px under the header bar");
        await AssertNoSeriousAccessibilityViolationsAsync(customer);
    }

    [Fact]
    public async Task The_desk_form_and_the_public_home_page_pass_an_accessibility_scan()
    {
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/");
        await AssertNoSeriousAccessibilityViolationsAsync(visitor);

        var desk = await app.NewPageAsync();
        await SignInAsync(desk, "balie@klantcentraal.test");
        await AssertNoSeriousAccessibilityViolationsAsync(desk);
    }

    private static Task SignInAsync(IPage page, string email) => BrowserFixture.SignInAsync(page, email, new System.Text.RegularExpressions.Regex("/Desk$"));

    private static async Task AssertNoSeriousAccessibilityViolationsAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")
            .ToList();
        Assert.Empty(serious);
    }
}
