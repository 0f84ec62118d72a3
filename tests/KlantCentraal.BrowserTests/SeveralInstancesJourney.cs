using KlantCentraal.Web.Tests.TestServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>
/// Two instances of the app on real Kestrel ports, one SQLite database and one real Redis (the SignalR backplane),
/// as behind a load balancer: the customer lands on the first, the desk on the second.
/// </summary>
public sealed class TwoInstancesFixture : BrowserFixture
{
    private WebApplicationFactory<Program>? _second;

    public RedisServer Redis { get; } = new();

    /// <summary>The second instance's address.</summary>
    public string SecondUrl { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        await base.InitializeAsync();
        _second = WithWebHostBuilder(_ => { });
        _second.UseKestrel(0);
        _second.StartServer();
        SecondUrl = AddressOf(_second);
    }

    public override async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Redis", Redis.ConnectionString);
}

public class SeveralInstancesJourney(TwoInstancesFixture app) : IClassFixture<TwoInstancesFixture>
{
    [Fact]
    public async Task A_message_a_customer_sends_through_one_instance_shows_live_in_the_desk_inbox_open_on_the_other()
    {
        Assert.NotEqual(app.BaseUrl, app.SecondUrl);
        var desk = await app.SignedInPageAsync("balie@klantcentraal.test", new System.Text.RegularExpressions.Regex("/Desk$"), baseUrl: app.SecondUrl);
        await desk.GotoAsync("/Desk/Inbox");
        await Assertions.Expect(desk.Locator("#waiting")).ToHaveAttributeAsync("data-live", "true");

        var customer = await app.NewPageAsync(width: 375, height: 740);
        await customer.GotoAsync("/Complain");
        await customer.GetByLabel("Uw naam").FillAsync("Lotte de Wit");
        await customer.GetByLabel("Uw e-mailadres").FillAsync($"lotte.{Guid.NewGuid():N}@example.nl");
        await customer.GetByLabel("Over welk product of welke dienst gaat het?").FillAsync("Waterkoker");
        await customer.GetByLabel("Wat is er mis?").FillAsync("Het deksel sluit niet meer.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Klacht versturen" }).ClickAsync();
        var code = await customer.GetByTestId("tracking-code").InnerTextAsync();
        await customer.GetByRole(AriaRole.Link, new() { Name = "Bekijk de status van uw klacht" }).ClickAsync();
        await customer.GetByLabel("Uw bericht").FillAsync("Ik heb nog een foto van het deksel, als u die wilt.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Bericht versturen" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("thanks")).ToContainTextAsync("uw bericht is aangekomen");

        // Published on the first instance, carried by Redis, shown by the second without a reload.
        await Assertions.Expect(desk.Locator("#waiting-status")).ToHaveTextAsync("Bijgewerkt: er kwam een bericht binnen.");
        await Assertions.Expect(desk.Locator("#waiting")).ToContainTextAsync(code);
    }
}
