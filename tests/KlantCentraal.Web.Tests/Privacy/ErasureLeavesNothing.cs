using System.Net;
using System.Text;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Privacy;

/// <summary>Finding 5: erasure leaves no name, e-mail address or phone number in the database file or the mail folder.</summary>
public sealed class ErasureLeavesNothing : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task After_erasure_the_database_file_and_the_mail_folder_hold_no_trace_of_the_customer()
    {
        const string name = "Gijsbertha Zwanenburg";
        var email = $"gijsbertha.{Guid.NewGuid():N}@example.nl";
        const string phone = "0612873465";
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid(email).With("Input.CustomerName", name).With("Input.Phone", phone)
            .With("Input.Description", $"{name} belde, bereikbaar op {phone} of {email}");
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync("/Desk", form)).StatusCode);
        var customerId = await _root.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
        var manager = _root.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        await manager.PostFormAsync($"/Manager/Customer/{customerId}", new Dictionary<string, string> { ["Reason"] = $"{name} kwam drie keer met hetzelfde verhaal" }, $"/Manager/Customer/{customerId}?handler=Flag");
        Assert.True(await _root.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.TrustFlagSet && a.Detail!.Contains(name))));
        Assert.Contains(Directory.EnumerateFiles(_root.MailPickup, "*.eml"), f => File.ReadAllText(f).Contains(email, StringComparison.Ordinal));

        var admin = _root.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var erased = await admin.PostFormAsync($"/Admin/Privacy?q={Customer.FormatNumber(customerId)}", new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={customerId}");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var needle in new[] { name, "Zwanenburg", email, phone })
        {
            foreach (var file in new[] { _root.DatabasePath, _root.DatabasePath + "-wal" }.Where(File.Exists))
            {
                Assert.False(Contains(File.ReadAllBytes(file), needle), $"'{needle}' is still in {Path.GetFileName(file)}");
            }

            Assert.DoesNotContain(Directory.EnumerateFiles(_root.MailPickup, "*.eml"), f => File.ReadAllText(f).Contains(needle, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;
}
