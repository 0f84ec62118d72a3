using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>
/// Issue 27: a manager who signs in through the organisation's provider has no password here, yet co-signs on the spot
/// — with a personal co-sign PIN, like a till's manager code (ADR 0027).
/// </summary>
public sealed class CoSignPin : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_manager_sets_a_pin_and_co_signs_a_refund_above_the_limit_with_it_and_the_audit_log_says_how()
    {
        var manager = _root.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        Assert.Contains("Kies een PIN van 6 tot 12 cijfers.", await ErrorsAsync(await SetPinAsync(manager, "12345", "12345")));
        Assert.Contains("te makkelijk te raden", await ErrorsAsync(await SetPinAsync(manager, "123456", "123456")));
        Assert.Contains("niet gelijk", await ErrorsAsync(await SetPinAsync(manager, "480517", "480518")));
        Assert.Equal(HttpStatusCode.Redirect, (await SetPinAsync(manager, "480517", "480517")).StatusCode);
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var signed = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", "480517"));

        var code = signed.TrackingCode();
        Assert.Equal("Daan", await _root.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Resolution!.CoSignedByName).SingleAsync()));
        Assert.Contains(await _root.WithDbAsync(db => db.AuditEntries.Select(a => a.Detail).ToListAsync()), d => d == Web.Auditing.AuditDetail.Of(Web.Auditing.AuditNote.CoSignedWith, Accounts.Manager, "Pin", code));
    }

    [Fact]
    public async Task Five_wrong_pins_block_the_pin_until_the_manager_sets_a_new_one_and_nothing_is_stored_meanwhile()
    {
        var manager = _root.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        await SetPinAsync(manager, "902614", "902614");
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", $"11223{i}"));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var form = DeskForm.Valid().With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", "902614");
        var blocked = await desk.PostFormAsync("/Desk", form);

        Assert.Contains("geblokkeerd na vijf foute pogingen", WebUtility.HtmlDecode(await blocked.Content.ReadAsStringAsync()));
        var submission = Guid.Parse(form["Input.SubmissionId"]);
        Assert.False(await _root.WithDbAsync(db => db.Complaints.AnyAsync(c => c.SubmissionId == submission)));
        Assert.Contains("data-testid=\"pin-blocked\"", await manager.GetHtmlAsync("/Manager/CoSignPin"));

        // The blocked PIN is not renewed to itself (issue 41/10); another one is.
        Assert.Contains("Dit is de PIN die geblokkeerd werd", await ErrorsAsync(await SetPinAsync(manager, "902614", "902614")));
        Assert.Equal(HttpStatusCode.Redirect, (await SetPinAsync(manager, "902615", "902615")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/Desk", form.With("Input.CoSignPassword", "902615"))).StatusCode);
    }

    /// <summary>Issue 41, finding 4: the tries are counted with one conditional update, so a burst cannot outrun the block.</summary>
    [Fact]
    public async Task Twenty_wrong_pins_sent_at_once_are_checked_at_most_five_times_and_block_the_pin()
    {
        var manager = _root.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        await SetPinAsync(manager, "731950", "731950");
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", $"5500{i:00}"));
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }));

        Assert.Equal(5, answers.Count(a => a.Contains("klopt niet", StringComparison.Ordinal)));
        Assert.Equal(15, answers.Count(a => a.Contains("geblokkeerd na vijf foute pogingen", StringComparison.Ordinal)));
        Assert.Equal(5, await _root.WithDbAsync(db => db.Users.Where(u => u.Email == Accounts.Manager).Select(u => u.CoSignPinFailures).SingleAsync()));
    }

    [Fact]
    public async Task Twenty_wrong_passwords_sent_at_once_lock_the_managers_account_after_five()
    {
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", $"Fout-wachtwoord-{i}"))));

        var manager = await _root.WithDbAsync(db => db.Users.Where(u => u.Email == Accounts.Manager).Select(u => new { u.AccessFailedCount, u.LockoutEnd }).SingleAsync());
        Assert.Equal(5, manager.AccessFailedCount);
        Assert.True(manager.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
        var right = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword));
        Assert.Contains("klopt niet", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()));
    }

    /// <summary>Issue 41, finding 10: an unattended session cannot set a PIN; the manager signs in again first.</summary>
    [Fact]
    public async Task Setting_a_pin_asks_for_a_sign_in_less_than_ten_minutes_ago()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = _root.WithClock(clock);
        var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        clock.Advance(TimeSpan.FromMinutes(11));
        await manager.GetHtmlAsync("/Manager/CoSignPin"); // the session itself is alive (idle timeout 30 minutes)

        var late = await SetPinAsync(manager, "640271", "640271");

        Assert.Contains("Log eerst opnieuw in", await ErrorsAsync(late));
        Assert.Null(await _root.WithDbAsync(db => db.Users.Where(u => u.Email == Accounts.Manager).Select(u => u.CoSignPinHash).SingleAsync()));
        Assert.Contains("data-testid=\"sign-in-again\"", await manager.GetHtmlAsync("/Manager/CoSignPin"));
        await manager.SignInAsync(Accounts.Manager);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPinAsync(manager, "640271", "640271")).StatusCode);
    }

    private static Task<HttpResponseMessage> SetPinAsync(HttpClient manager, string pin, string repeat) =>
        manager.PostFormAsync("/Manager/CoSignPin", new Dictionary<string, string> { ["Pin"] = pin, ["Repeat"] = repeat });

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
