using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Privacy;

/// <summary>How long personal data is kept (AVG/GDPR). Configuration: <c>Privacy:*</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>Personal data is removed this many years after the customer's last complaint was closed.</summary>
    public int PersonalDataYearsAfterClosure { get; set; } = 2;

    /// <summary>Refund records are kept this long for the books (amounts and dates, no personal data).</summary>
    public int RefundRecordYears { get; set; } = 7;

    public bool JobEnabled { get; set; } = true;

    public TimeSpan JobInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Applies the retention periods: anonymises customers whose last complaint closed longer ago than the
/// personal-data period, and removes the resolution notes of complaints older than the bookkeeping period.
/// Product, category, cause, amounts, dates and scores stay, so every statistic stays right.
/// </summary>
public sealed class RetentionProcessor(AppDbContext db, TimeProvider time, IOptions<RetentionOptions> options, AuditLog audit, ILogger<RetentionProcessor> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var personalLimit = now.AddYears(-options.Value.PersonalDataYearsAfterClosure);
        var bookkeepingLimit = now.AddYears(-options.Value.RefundRecordYears);

        // Customers with no open complaint whose last closure lies before the limit.
        var expired = await db.Customers
            .Where(c => c.AnonymisedAt == null)
            .Where(c => !db.Complaints.Any(x => x.CustomerId == c.Id && x.Status != ComplaintStatus.Closed))
            .Where(c => db.Complaints.Any(x => x.CustomerId == c.Id))
            .Where(c => db.Complaints.Where(x => x.CustomerId == c.Id).Max(x => x.ClosedAt) < personalLimit)
            .Select(c => c.Id)
            .Order()
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            await EraseAsync(id, now, cancellationToken);
        }

        var oldNotes = await db.Complaints
            .Where(c => c.ReceivedAt < bookkeepingLimit && c.Resolution!.Note != null && c.Resolution.Note != Complaint.RemovedText)
            .OrderBy(c => c.Id)
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var complaint in oldNotes)
        {
            complaint.RemoveResolutionNote();
        }

        await db.SaveChangesAsync(cancellationToken);
        if (expired.Count > 0 || oldNotes.Count > 0)
        {
            logger.LogInformation("Retention: {Customers} customer(s) anonymised, {Notes} old resolution note(s) removed", expired.Count, oldNotes.Count);
        }

        return expired.Count;
    }

    /// <summary>Anonymises one customer and the personal parts of their complaints (also used for erasure on request).</summary>
    public async Task EraseAsync(int customerId, DateTime at, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.Include(c => c.History).SingleAsync(c => c.Id == customerId, cancellationToken);
        var number = customer.CustomerNumber;
        customer.Anonymise(at);
        var complaints = await db.Complaints.Include(c => c.Timeline).Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken);
        foreach (var complaint in complaints)
        {
            complaint.RemovePersonalData();
        }

        audit.Record(AuditAction.CustomerErased, nameof(Customer), number, $"{complaints.Count} complaint(s)");
    }
}
