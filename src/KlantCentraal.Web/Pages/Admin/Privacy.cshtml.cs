using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// AVG/GDPR requests: find a customer, export everything held about them (JSON or readable HTML), or erase
/// their personal data on request (pseudonymise; statistics stay). Both land in the audit log.
/// </summary>
public sealed class PrivacyModel(AppDbContext db, RetentionProcessor retention, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public IReadOnlyList<CustomerMatch> Matches { get; private set; } = [];

    public CustomerExport? Export { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Matches = await CustomerSearch.FindAsync(db, Q, cancellationToken);

    /// <summary>Everything held about one customer, as JSON (download) or as a readable page.</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, string? format, CancellationToken cancellationToken)
    {
        Export = await ExportAsync(id, cancellationToken);
        if (Export is null)
        {
            return NotFound();
        }

        await audit.RecordNowAsync(AuditAction.CustomerExported, nameof(Customer), Export.CustomerNumber, format == "json" ? "json" : "html", cancellationToken);
        if (format == "json")
        {
            return File(JsonSerializer.SerializeToUtf8Bytes(Export, Json), "application/json", $"klantgegevens-{Export.CustomerNumber}.json");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostEraseAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), t["Vink aan dat u weet dat wissen niet ongedaan kan worden."]);
            Matches = await CustomerSearch.FindAsync(db, Q, cancellationToken);
            return Page();
        }

        if (!(await retention.EraseNowAsync(id, cancellationToken)).IsDone)
        {
            return NotFound();
        }

        Saved = t["De persoonsgegevens van {0} zijn gewist. De cijfers (bedragen, datums, oorzaken) blijven kloppen.", Customer.FormatNumber(id)];
        return RedirectToPage(new { q = Customer.FormatNumber(id) });
    }

    private async Task<CustomerExport?> ExportAsync(int id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var complaints = await db.Complaints.AsNoTracking().Include(c => c.Timeline).Include(c => c.Investigation)
            .Where(c => c.CustomerId == id).OrderBy(c => c.Id).AsSplitQuery().ToListAsync(cancellationToken);
        var codes = complaints.Select(c => c.TrackingCode.Value).Append(customer.CustomerNumber).ToList();
        var auditEntries = await db.AuditEntries.AsNoTracking().Where(a => codes.Contains(a.TargetId)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return new CustomerExport(
            customer.CustomerNumber,
            customer.Name,
            customer.Email,
            customer.Phone,
            customer.Postcode,
            customer.CreatedAt,
            customer.AnonymisedAt,
            customer.TrustFlagReason,
            customer.History.Select(h => new CustomerExport.HistoryItem(h.Kind.ToString(), h.OccurredAt, h.ActorName, h.Reason)).ToList(),
            complaints.Select(c => new CustomerExport.ComplaintItem(
                c.TrackingCodeDisplay,
                c.ReceivedAt,
                c.Channel.ToString(),
                c.Category.ToString(),
                c.ProductName,
                c.ArticleNumber,
                c.PurchaseDate,
                c.PurchasePlace,
                c.Receipt.ToString(),
                c.Description,
                c.Status.ToString(),
                c.Resolution?.Type.ToString(),
                c.Resolution?.AmountCents,
                c.Resolution?.Note,
                c.Resolution?.GrantedByName,
                c.SatisfactionScore,
                c.FeedbackRemark,
                c.Investigation?.ImprovementText,
                c.Timeline.OrderBy(e => e.Id).Select(e => new CustomerExport.TimelineItem(e.OccurredAt, e.Kind.ToString(), e.ActorName, e.Detail)).ToList())).ToList(),
            auditEntries.Select(a => new CustomerExport.AuditItem(a.At, a.ActorName, a.Action.ToString(), a.TargetId, a.Detail)).ToList());
    }

    public sealed record CustomerExport(
        string CustomerNumber,
        string Name,
        string? Email,
        string? Phone,
        string? Postcode,
        DateTime CreatedAt,
        DateTime? AnonymisedAt,
        string? TrustFlagReason,
        IReadOnlyList<CustomerExport.HistoryItem> History,
        IReadOnlyList<CustomerExport.ComplaintItem> Complaints,
        IReadOnlyList<CustomerExport.AuditItem> Audit)
    {
        public sealed record HistoryItem(string Kind, DateTime At, string By, string Reason);

        public sealed record TimelineItem(DateTime At, string Kind, string By, string? Detail);

        public sealed record AuditItem(DateTime At, string By, string Action, string Target, string? Detail);

        public sealed record ComplaintItem(
            string TrackingCode,
            DateTime ReceivedAt,
            string Channel,
            string Category,
            string Product,
            string? ArticleNumber,
            DateOnly? PurchaseDate,
            string? PurchasePlace,
            string Receipt,
            string Description,
            string Status,
            string? Resolution,
            long? AmountCents,
            string? ResolutionNote,
            string? HelpedBy,
            int? SatisfactionScore,
            string? FeedbackRemark,
            string? WhatWeImproved,
            IReadOnlyList<TimelineItem> Timeline);
    }
}
