using System.Net;
using KlantCentraal.Domain;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Privacy;

/// <summary>
/// Issue 41, finding 7: erasing a customer is one write. When it fails half-way (here: the save of the anonymised
/// customer), nothing of it is stored — the attachments are still there and the customer is not half-erased — and
/// erasing again afterwards removes everything.
/// </summary>
public sealed class ErasureIsOneWrite : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task An_erasure_that_fails_half_way_leaves_the_attachments_and_the_customer_as_they_were()
    {
        var email = $"femke.{Guid.NewGuid():N}@example.nl";
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.CustomerName", "Femke Hoogland"))).TrackingCode();
        var html = await desk.GetHtmlAsync($"/Desk/Complaint/{code}");
        using (var form = new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new StringContent("Hierbij het retourformulier."), "ReplyText" },
            { new ByteArrayContent(Conversations.DeskAndCustomerConverse.Pdf()), "files", "retourformulier.pdf" },
        })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync($"/Desk/Complaint/{code}?handler=Reply", form)).StatusCode);
        }

        var customerId = await _root.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
        var failing = new FailOnErasedCustomer();
        using (var broken = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(failing))))
        {
            var admin = broken.CreateClient(new() { AllowAutoRedirect = false });
            await admin.SignInAsync(Accounts.Admin);
            var erased = await admin.PostFormAsync($"/Admin/Privacy?q={Customer.FormatNumber(customerId)}", new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={customerId}");
            Assert.NotEqual(HttpStatusCode.Redirect, erased.StatusCode);
            Assert.True(failing.Failed);
        }

        Assert.Equal(1, await _root.WithDbAsync(db => db.Attachments.CountAsync(a => db.Complaints.Any(c => c.Id == a.ComplaintId && c.CustomerId == customerId))));
        Assert.Equal("Femke Hoogland", await _root.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync()));
        Assert.False(await _root.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == Web.Auditing.AuditAction.CustomerErased)));

        var again = _root.CreateBrowserlessClient();
        await again.SignInAsync(Accounts.Admin);
        var done = await again.PostFormAsync($"/Admin/Privacy?q={Customer.FormatNumber(customerId)}", new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={customerId}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(0, await _root.WithDbAsync(db => db.Attachments.CountAsync(a => db.Complaints.Any(c => c.Id == a.ComplaintId && c.CustomerId == customerId))));
        Assert.NotEqual("Femke Hoogland", await _root.WithDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync()));
    }

    /// <summary>Fails the save that carries an anonymised customer, after the erasure's bulk statements ran.</summary>
    private sealed class FailOnErasedCustomer : SaveChangesInterceptor
    {
        public bool Failed { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Customer>().Any(e => e.State == EntityState.Modified && e.Entity.AnonymisedAt != null))
            {
                Failed = true;
                throw new DbUpdateException("The disk is full (simulated).");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
