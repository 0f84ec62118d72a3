using System.Net;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Privacy;

/// <summary>Retention, export and erasure, on a database of its own and a clock the test controls.</summary>
public sealed class PrivacyRetention : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Tables = ["summary", "causes", "products", "weeks"];
    private readonly KlantCentraalFactory _root = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public PrivacyRetention() =>
        _app = _root.WithClock(_clock);

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Retention_anonymises_exactly_the_expired_customers_and_every_statistic_stays_the_same()
    {
        var expired = await SeedAsync("Oud Afgerond", closedYearsAgo: 3, close: true);
        var recent = await SeedAsync("Recent Afgerond", closedYearsAgo: 1, close: true);
        var open = await SeedAsync("Nog Open", closedYearsAgo: 3, close: false);
        var manager = _app.CreateClient(new() { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        const string period = "/Manager/Dashboard?handler=Csv&from=2020-01-01&to=2026-11-23&table=";
        var before = await Task.WhenAll(Tables.Select(t => manager.GetStringAsync(period + t)));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RetentionProcessor>().RunAsync(CancellationToken.None));
        }

        var after = await Task.WhenAll(Tables.Select(t => manager.GetStringAsync(period + t)));
        Assert.Equal(before, after);
        await _root.WithDbAsync(async db =>
        {
            var gone = await db.Customers.SingleAsync(c => c.Id == expired);
            Assert.Equal(Customer.AnonymousName, gone.Name);
            Assert.Null(gone.Email);
            Assert.Null(gone.Phone);
            Assert.Null(gone.Postcode);
            var complaint = await db.Complaints.SingleAsync(c => c.CustomerId == expired);
            Assert.Equal(Complaint.RemovedText, complaint.Description);
            Assert.Null(complaint.FeedbackRemark);
            Assert.Equal(4, complaint.SatisfactionScore);
            Assert.Equal(2495, complaint.Resolution!.AmountCents);
            Assert.Equal("Recent Afgerond", (await db.Customers.SingleAsync(c => c.Id == recent)).Name);
            Assert.Equal("Nog Open", (await db.Customers.SingleAsync(c => c.Id == open)).Name);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.CustomerErased && e.TargetId == Customer.FormatNumber(expired)));
            return true;
        });
    }

    [Fact]
    public async Task An_admin_exports_everything_about_a_customer_and_the_export_is_audited()
    {
        var id = await SeedAsync("Export Klant", closedYearsAgo: 0, close: false);
        var admin = _app.CreateClient(new() { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);

        var json = await admin.GetAsync($"/Admin/Privacy?handler=Export&id={id}&format=json");
        var html = await admin.GetHtmlAsync($"/Admin/Privacy?handler=Export&id={id}");

        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var text = await json.Content.ReadAsStringAsync();
        Assert.Contains("\"Name\": \"Export Klant\"", text);
        Assert.Contains("Het deksel sluit niet", text);
        Assert.Contains("Export Klant", html);
        Assert.Equal(2, await _root.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.CustomerExported && e.TargetId == Customer.FormatNumber(id))));
    }

    [Fact]
    public async Task Erasure_on_request_needs_a_confirmation_and_then_pseudonymises()
    {
        var id = await SeedAsync("Wis Mij", closedYearsAgo: 0, close: false);
        var admin = _app.CreateClient(new() { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        var page = $"/Admin/Privacy?q={Customer.FormatNumber(id)}";

        var refused = await admin.PostFormAsync(page, new Dictionary<string, string>(), $"/Admin/Privacy?handler=Erase&id={id}");
        Assert.Contains("Vink aan dat u weet dat wissen niet ongedaan kan worden.", await refused.Content.ReadAsStringAsync());
        Assert.Equal("Wis Mij", await _root.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));

        var erased = await admin.PostFormAsync(page, new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal(Customer.AnonymousName, await _root.WithDbAsync(db => db.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
    }

    private async Task<int> SeedAsync(string name, int closedYearsAgo, bool close)
    {
        var staff = new StaffMember("s", "Sanne");
        var manager = new StaffMember("m", "Daan", isManager: true);
        var received = Now.AddYears(-closedYearsAgo).AddDays(-10);
        return await _root.WithDbAsync(async db =>
        {
            var customer = Customer.Create(name, $"{Guid.NewGuid():N}@example.nl", "0612345678", "1012AB", received);
            var complaint = Complaint.Record(customer, new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, "Waterkoker", null, null, "Filiaal", ReceiptStatus.No, "Het deksel sluit niet", ResolutionType.Refund), TrackingCode.New(), staff, received);
            complaint.Resolve(Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(2495), RefundMethod.Cash, null), staff, received), staff, CoSignPolicy.Default, received, DateOnly.FromDateTime(received));
            complaint.GiveFeedback(4, "Prima, mijn buurman Piet ook", received.AddDays(1));
            var investigation = RootCauseInvestigation.OpenFor(complaint, received, DateOnly.FromDateTime(received).AddDays(14));
            if (close)
            {
                investigation.RecordAnalysis(new InvestigationAnalysis([], CauseCategory.Materials, "Zwak scharnier", "Ander scharnier", null, null, null), manager);
                investigation.MarkFixed("Sterker scharnier", DateOnly.FromDateTime(received).AddDays(40), manager, received.AddDays(5), DateOnly.FromDateTime(received.AddDays(5)));
            }

            db.Investigations.Add(investigation);
            await db.SaveChangesAsync();
            return customer.Id;
        });
    }
}
