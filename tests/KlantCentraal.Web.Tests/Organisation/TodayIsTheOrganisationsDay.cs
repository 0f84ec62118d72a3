using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Organisation;

/// <summary>
/// "Today" is the organisation's day (Amsterdam), not the server's UTC date. At 23:30 UTC on Friday 27 November 2026 it
/// is already Saturday 28 November in Amsterdam: the desk's screens, forms and the managers' dashboard must agree.
/// </summary>
public sealed class TodayIsTheOrganisationsDay : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public TodayIsTheOrganisationsDay() =>
        _app = _root.WithClock(_clock);

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Half_an_hour_after_midnight_in_Amsterdam_a_purchase_made_today_is_accepted_and_counts_on_the_dashboard_today()
    {
        var desk = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.PurchaseDate", "2026-11-28"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var manager = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        var today = (await manager.GetHtmlAsync("/Manager/Dashboard?from=2026-11-28&to=2026-11-28")).Replace(" ", string.Empty, StringComparison.Ordinal);
        var standard = (await manager.GetHtmlAsync("/Manager/Dashboard")).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"kpi-complaints\">1<", today);
        Assert.Contains("value=\"2026-11-28\"", standard); // the default period ends today, so today's complaint is in it
    }
}
