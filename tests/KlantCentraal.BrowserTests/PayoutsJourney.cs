using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 43, first part, in Chromium: finance pays a refund the desk granted by bank transfer, and the customer sees the day.</summary>
[Collection(BrowserCollection.Name)]
public class PayoutsJourney(BrowserFixture app)
{
    [Fact]
    public async Task Finance_marks_a_bank_transfer_paid_and_the_customer_s_status_page_says_when()
    {
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Complaints.ComplaintDesk>().RecordAndResolveAsync(
                new KlantCentraal.Web.Complaints.RecordAndResolve(
                    Guid.NewGuid(),
                    new KlantCentraal.Web.Complaints.CustomerContact("Sara de Boer", $"sara.{Guid.NewGuid():N}@example.nl", null, "3511 AX"),
                    new KlantCentraal.Domain.ComplaintDetails(KlantCentraal.Domain.Channel.Counter, KlantCentraal.Domain.ComplaintCategory.ProductDefect, "Waterkoker", null, null, null, KlantCentraal.Domain.ReceiptStatus.No, "Lekt", KlantCentraal.Domain.ResolutionType.Refund, null),
                    new KlantCentraal.Domain.GrantedResolution(KlantCentraal.Domain.ResolutionType.Refund, new KlantCentraal.Domain.Money(12900), KlantCentraal.Domain.RefundMethod.BankTransfer, null),
                    new KlantCentraal.Domain.StaffMember("seed", "Sanne")),
                CancellationToken.None);
            code = outcome.TrackingCode;
        }

        var customer = await app.NewPageAsync();
        await customer.GotoAsync("/Track");
        await customer.GetByLabel("Volgcode").FillAsync(code);
        await customer.GetByLabel("Postcode of e-mailadres").FillAsync("3511 AX");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn klacht" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("refund-owed")).ToContainTextAsync("Uw geld is onderweg");
        var statusUrl = customer.Url;

        var finance = await app.SignedInPageAsync("financien@klantcentraal.test", new System.Text.RegularExpressions.Regex("/Finance/Payouts$"));
        await finance.GetByLabel("Zoek op volgcode of naam").FillAsync("Sara de Boer");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        var row = finance.Locator($"tr[data-code='{KlantCentraal.Domain.TrackingCode.Parse(code).Value}']");
        await Assertions.Expect(row).ToContainTextAsync("€ 129,00");
        AxeResult axe = await finance.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
        await row.GetByLabel("Kenmerk van de betaling").FillAsync("BANK-2026-0042");
        await row.GetByRole(AriaRole.Button, new() { Name = "Betaald" }).ClickAsync();
        await Assertions.Expect(finance.GetByTestId("saved")).ToContainTextAsync("staat op betaald");

        await customer.GotoAsync(statusUrl);
        await Assertions.Expect(customer.GetByTestId("refund-paid")).ToContainTextAsync("We hebben het geld op");
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Hoe tevreden bent u?" })).ToBeVisibleAsync();
    }
}
