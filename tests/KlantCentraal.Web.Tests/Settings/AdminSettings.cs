using System.Net;
using KlantCentraal.Web.Auditing;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Settings;

/// <summary>A database of its own: these tests change the organisation's settings.</summary>
public sealed class AdminSettings : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Saved_settings_take_effect_at_once_without_a_restart_and_are_audited()
    {
        var admin = _factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var desk = _factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var before = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "150"));
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        // The public pages in both languages cached with the old settings (PublicPagesAreCached): the save must empty them.
        var english = _factory.CreateBrowserlessClient();
        await english.GetAsync("/culture/en-GB?returnUrl=%2F");
        Assert.Contains("020 123 45 67", WebUtility.HtmlDecode(await _factory.CreateBrowserlessClient().GetHtmlAsync("/")));
        Assert.DoesNotContain("Saturday 10:00–14:00", WebUtility.HtmlDecode(await english.GetHtmlAsync("/Track")));

        var saved = await admin.PostFormAsync("/Admin/Settings", Settings(phone: "030 999 88 77", coSignAbove: "100,00"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = WebUtility.HtmlDecode(await _factory.CreateBrowserlessClient().GetHtmlAsync("/"));
        Assert.Contains("030 999 88 77", home);
        Assert.Contains("Bereikbaar: maandag–vrijdag 08:30–17:30, zaterdag 10:00–14:00, zondag gesloten", home);
        Assert.Contains("Monday–Friday 08:30–17:30, Saturday 10:00–14:00, Sunday closed", WebUtility.HtmlDecode(await english.GetHtmlAsync("/Track")));
        var after = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "150"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Een manager tekent mee, want het bedrag is hoger dan € 100,00.", await after.Content.ReadAsStringAsync());
        var entry = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.SettingsChanged));
        Assert.Contains("Phone: 020 123 45 67 → 030 999 88 77", entry.Detail);
        Assert.Contains("CoSignAboveCents: 25000 → 10000", entry.Detail);
    }

    [Fact]
    public async Task Opening_hours_that_cannot_be_read_get_a_message_at_their_day()
    {
        var admin = _factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);

        var response = await admin.PostFormAsync("/Admin/Settings", Settings(phone: "030 999 88 77", coSignAbove: "250,00").With("Input.Hours[2]", "ma-vr 9-17"));

        Assert.Contains("Schrijf de openingstijd als 09:00-17:00, of laat het leeg als u dan niet bereikbaar bent (niet: \"ma-vr 9-17\").", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await _factory.WithDbAsync(db => db.OrganisationSettings.AnyAsync()));
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_messages_and_nothing_changes()
    {
        var admin = _factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);

        var response = await admin.PostFormAsync("/Admin/Settings", Settings(phone: "", coSignAbove: "-5"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vul het telefoonnummer voor klanten in.", html);
        Assert.Contains("Vul een bedrag in euro&#x27;s in, bijvoorbeeld 250,00.", html.Replace("'", "&#x27;", StringComparison.Ordinal));
        Assert.False(await _factory.WithDbAsync(db => db.OrganisationSettings.AnyAsync()));
    }

    private static Dictionary<string, string> Settings(string phone, string coSignAbove) => new()
    {
        ["Input.Name"] = "KlantCentraal",
        ["Input.Phone"] = phone,
        ["Input.Email"] = "klantenservice@klantcentraal.test",
        ["Input.Hours[0]"] = "08:30-17:30",
        ["Input.Hours[1]"] = "08:30-17:30",
        ["Input.Hours[2]"] = "08:30-17:30",
        ["Input.Hours[3]"] = "08:30-17:30",
        ["Input.Hours[4]"] = "08:30-17:30",
        ["Input.Hours[5]"] = "10-14",
        ["Input.Hours[6]"] = "",
        ["Input.OnlineResponseWorkingDays"] = "2",
        ["Input.CoSignAbove"] = coSignAbove,
        ["Input.ServiceLevelWorkingDays"] = "10",
        ["Input.GroupingWindowDays"] = "30",
        ["Input.Owners[ProductDefect]"] = "manager@klantcentraal.test",
    };
}
