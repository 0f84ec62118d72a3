using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Auditing;

public class AuditLogEntries(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Desk_manager_and_admin_actions_are_logged_with_who_what_and_which_record()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"audit.{Guid.NewGuid():N}@example.nl";
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email))).TrackingCode();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var (investigationId, customerNumber) = await factory.WithDbAsync(async db => (
            await db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.InvestigationId!.Value).SingleAsync(),
            KlantCentraal.Domain.Customer.FormatNumber(await db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync())));
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var page = $"/Manager/Investigation/{investigationId}";
        var version = System.Text.RegularExpressions.Regex.Match(await manager.GetHtmlAsync(page), "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        await manager.PostFormAsync(page, new Dictionary<string, string> { ["Version"] = version }, page + "?handler=Start");
        var customerPage = $"/Manager/Customer/{int.Parse(customerNumber[2..], System.Globalization.CultureInfo.InvariantCulture)}";
        await manager.PostFormAsync(customerPage, new Dictionary<string, string> { ["Reason"] = "Betrapt" }, customerPage + "?handler=Flag");
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var staffEmail = $"audit.staff.{Guid.NewGuid():N}@klantcentraal.test";
        await admin.PostFormAsync("/Admin/Staff", new Dictionary<string, string> { ["Input.FirstName"] = "Ruben", ["Input.Email"] = staffEmail, ["Input.Roles"] = "ServiceDesk" });

        var entries = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditAction.ComplaintRecorded && e.TargetId == code && e.ActorName == Accounts.Desk);
        Assert.Contains(entries, e => e.Action == AuditAction.InvestigationStarted && e.TargetId == investigationId.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.ActorName == Accounts.Manager);
        Assert.Contains(entries, e => e.Action == AuditAction.TrustFlagSet && e.TargetId == customerNumber && e.Detail == "Betrapt");
        Assert.Contains(entries, e => e.Action == AuditAction.StaffCreated && e.TargetId == staffEmail && e.ActorName == Accounts.Admin);

        var html = await admin.GetHtmlAsync($"/Admin/Audit?q={code}");
        Assert.Contains("Klacht vastgelegd en opgelost", html);
        Assert.Contains(Accounts.Desk, html);
    }

    [Fact]
    public async Task A_correction_is_logged_with_the_changed_fields()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var page = $"/Desk/Complaint/{code}";
        var html = await desk.GetHtmlAsync(page);
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;

        await desk.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html),
            ["Input.Version"] = version,
            ["Input.Channel"] = "Counter",
            ["Input.Category"] = "ProductDefect",
            ["Input.ProductName"] = "Gecorrigeerd product",
            ["Input.Receipt"] = "No",
            ["Input.Description"] = "Het deksel sluit niet en de waterkoker lekt.",
        }));

        var entry = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.ComplaintCorrected && e.TargetId == code));
        Assert.Equal("ProductName", entry.Detail);
    }

    [Theory]
    [InlineData(Accounts.Desk)]
    [InlineData(Accounts.Manager)]
    public async Task Only_admins_can_read_the_audit_log(string account)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(account);

        Assert.Contains("AccessDenied", (await client.GetAsync("/Admin/Audit")).Location());
    }
}

/// <summary>Issue 42: an audit entry's words are stored as data (a note and its values) and read in the reader's language.</summary>
public class AuditNotesInTheReadersLanguage(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_co_signature_is_stored_as_a_note_and_the_audit_page_says_it_in_Dutch_or_in_English()
    {
        var code = $"Z{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record(AuditAction.CoSigned, "StaffUser", "m-1", AuditNote.CoSignedWith, "petra@klantcentraal.test", "Pin", code);
            await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.WriteGate>().SaveAsync(db, CancellationToken.None);
        }

        var stored = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Detail!.Contains(code)).Select(e => new { e.Detail, e.SearchText }).SingleAsync());
        Assert.Equal($"[\"CoSignedWith\",\"petra@klantcentraal.test\",\"Pin\",\"{code}\"]", stored.Detail);
        Assert.DoesNotContain("cosignedwith", stored.SearchText, StringComparison.Ordinal); // search finds the values, not the note's name

        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var dutch = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Audit?q={code}"));
        Assert.Contains($"petra@klantcentraal.test tekende mee met de meeteken-PIN ({code})", dutch);
        await admin.GetAsync("/culture/en-GB?returnUrl=/Admin/Audit");
        var english = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Audit?q={code}"));
        Assert.Contains($"petra@klantcentraal.test co-signed with their co-sign PIN ({code})", english);
    }

    [Fact]
    public void A_plain_value_and_an_entry_from_before_notes_are_shown_as_stored()
    {
        Assert.False(AuditDetail.TryRead("Betrapt bij de kassa", out _, out _));
        Assert.False(AuditDetail.TryRead("[\"NoSuchNote\",\"x\"]", out _, out _));
        Assert.False(AuditDetail.TryRead("[\"half", out _, out _));
        Assert.True(AuditDetail.TryRead(AuditDetail.Of(AuditNote.ImportQueued, 12), out var note, out var values));
        Assert.Equal((AuditNote.ImportQueued, "12"), (note, values.Single()));
    }
}
