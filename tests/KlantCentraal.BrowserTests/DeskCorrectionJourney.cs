using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>Issue 31: the complaint page's corrections go through the desk service; Chromium clicks both forms as a desk would.</summary>
[Collection(BrowserCollection.Name)]
public class DeskCorrectionJourney(BrowserFixture app)
{
    [Fact]
    public async Task Someone_working_for_every_store_corrects_the_product_and_moves_the_complaint_to_another_store()
    {
        var code = await RecordAtUtrechtAsync($"Koffiezetter {Guid.NewGuid():N}"[..20]);
        var desk = await app.SignedInPageAsync("manager@klantcentraal.test", new Regex("/Desk$"));
        await desk.GotoAsync($"/Desk/Complaint/{code}");

        await desk.GetByLabel("Product of dienst").FillAsync("Koffiezetapparaat XL");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Correctie opslaan" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("De correctie is opgeslagen en staat op de tijdlijn.");
        await Assertions.Expect(desk.GetByLabel("Product of dienst")).ToHaveValueAsync("Koffiezetapparaat XL");

        await desk.GetByLabel("Winkel corrigeren").SelectOptionAsync("AMS-01");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Winkel opslaan" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("De klacht hoort nu bij");
        await Assertions.Expect(desk.GetByTestId("complaint-store")).ToContainTextAsync("AMS-01");

        // Saving the same again changes nothing, and says so.
        await desk.GetByRole(AriaRole.Button, new() { Name = "Correctie opslaan" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("Er was niets gewijzigd.");
    }

    /// <summary>Issue 41, finding 9: inserting a saved reply keeps what the desk typed and puts it at the cursor.</summary>
    [Fact]
    public async Task A_saved_reply_goes_in_at_the_cursor_and_what_the_desk_typed_stays()
    {
        var code = await RecordAtUtrechtAsync($"Broodrooster {Guid.NewGuid():N}"[..20]);
        var title = $"Bon vragen {Guid.NewGuid():N}"[..16];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>();
            db.SavedReplies.Add(new KlantCentraal.Web.Conversations.SavedReply { Title = title, TextNl = "Wilt u de bon meesturen, {voornaam}?", TextEn = "Please send the receipt.", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var desk = await app.SignedInPageAsync("balie@klantcentraal.test", new Regex("/Desk$"));
        await desk.GotoAsync($"/Desk/Complaint/{code}");
        var reply = desk.GetByLabel("Uw antwoord aan Fenna Kok");
        await reply.FillAsync("Goedemorgen Fenna,\n\nMet vriendelijke groet, Sanne");
        await reply.EvaluateAsync("r => r.setSelectionRange(20, 20)");
        await desk.GetByLabel("Standaardantwoord invoegen").SelectOptionAsync(new SelectOptionValue { Label = title });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Invoegen" }).ClickAsync();

        await Assertions.Expect(reply).ToHaveValueAsync("Goedemorgen Fenna,\n\nWilt u de bon meesturen, Fenna?Met vriendelijke groet, Sanne");
        Assert.EndsWith($"/Desk/Complaint/{code}", desk.Url, StringComparison.Ordinal);
    }

    private async Task<string> RecordAtUtrechtAsync(string product)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>();
        var utrecht = db.Stores.Single(s => s.Code == "UTR-01").Id;
        var recorded = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(
            new RecordAndResolve(
                Guid.NewGuid(),
                new CustomerContact("Fenna Kok", null, "0612121212", "3511 AB"),
                new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, product, null, null, null, ReceiptStatus.Unknown, "Lekt water", ResolutionType.Apology, utrecht),
                new GrantedResolution(ResolutionType.Apology, null, null, "Excuses aangeboden"),
                new StaffMember("seed", "Sanne")),
            CancellationToken.None);
        return recorded.TrackingCode;
    }
}
