using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Investigations;

public sealed class RootCauseQueueOptions
{
    public const string Section = "RootCauseQueue";

    /// <summary>Whether this instance runs the background worker. Every instance may; claims keep them apart.</summary>
    public bool WorkerEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds before another instance may take the item over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Items claimed in one write and completed in one more (issue 32: under the desk's load every write waits its turn at the gate).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>After this many failed attempts an item is parked as Failed for a person to look at.</summary>
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>
/// Takes queued root-cause work and turns it into investigations managers can see. Safe with several
/// instances on one database: an item is claimed by a conditional UPDATE (status Pending and no live
/// lease), and completed by a second conditional UPDATE that only the lease owner can make, in the same
/// transaction that links the complaint to its investigation.
/// </summary>
public sealed class RootCauseQueueProcessor(
    AppDbContext db,
    TimeProvider time,
    IOptions<RootCauseQueueOptions> options,
    IOptionsMonitor<InvestigationOptions> triage,
    UserManager<StaffUser> users,
    WriteGate gate,
    Organisation.Deadlines deadlines,
    Webhooks.Webhooks webhooks,
    ILogger<RootCauseQueueProcessor> logger)
{
    private readonly RootCauseQueueOptions _options = options.Value;

    /// <summary>Who holds a claim: unique per processor, so a lost lease is noticed.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Processes queued items until none is left to claim. Returns how many this processor completed.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var completed = 0;
        for (var round = 0; round < 100; round++)
        {
            var now = Now();
            var candidates = await db.RootCauseQueue.AsNoTracking()
                .Where(q => q.Status == QueueItemStatus.Pending && (q.LeaseExpiresAt == null || q.LeaseExpiresAt < now))
                .OrderBy(q => q.Id)
                .Select(q => new { q.Id, q.ComplaintId })
                .Take(_options.BatchSize)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                break;
            }

            var claimed = await ClaimAsync(candidates.Select(c => c.Id).ToList(), cancellationToken);
            var ours = candidates.Where(c => claimed.Contains(c.Id)).Select(c => (c.Id, c.ComplaintId)).ToList();
            if (ours.Count > 1 && await TryCompleteBatchAsync(ours, cancellationToken) is { } batch)
            {
                completed += batch;
                continue;
            }

            // One at a time: a single item, or a batch that failed as a whole, so one bad item holds up no other.
            foreach (var (itemId, complaintId) in ours)
            {
                if (await TryCompleteAsync(itemId, complaintId, cancellationToken))
                {
                    completed++;
                }
            }
        }

        return completed;
    }

    /// <summary>
    /// Claims, in one conditional UPDATE, those of the items that are still pending without a live lease, and
    /// returns the ones this processor now holds. One write for the batch instead of one per item.
    /// </summary>
    private async Task<HashSet<long>> ClaimAsync(List<long> itemIds, CancellationToken cancellationToken)
    {
        var now = Now();
        var leaseUntil = now + _options.LeaseDuration;
        // Through the write gate like every writer of this process: otherwise a claim meets the desk's transaction
        // at SQLite's lock, and whoever loses waits in the driver's busy loop.
        await using (await gate.EnterAsync(db, cancellationToken))
        {
            await db.RootCauseQueue
                .Where(q => itemIds.Contains(q.Id) && q.Status == QueueItemStatus.Pending && (q.LeaseExpiresAt == null || q.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(q => q.LeaseOwner, Owner)
                        .SetProperty(q => q.LeaseExpiresAt, leaseUntil)
                        .SetProperty(q => q.Attempts, q => q.Attempts + 1),
                    cancellationToken);
        }

        return (await db.RootCauseQueue.AsNoTracking()
                .Where(q => itemIds.Contains(q.Id) && q.Status == QueueItemStatus.Pending && q.LeaseOwner == Owner)
                .Select(q => q.Id)
                .ToListAsync(cancellationToken))
            .ToHashSet();
    }

    /// <summary>Stores a new investigation inside the item's transaction: its opening event names it by its id.</summary>
    private Task<int> SaveForItsIdAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>
    /// Completes a claimed batch in one write: under a desk's write load the gate is a queue, and one turn per batch
    /// instead of one per item is what lets the worker keep up (issue 32). Null when the batch failed as a whole
    /// (nothing of it is stored); the caller then completes its items one by one.
    /// </summary>
    private async Task<int?> TryCompleteBatchAsync(List<(long ItemId, int ComplaintId)> items, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = Now();
        try
        {
            var joined = await gate.WriteAsync(db, async () =>
            {
                var joined = new List<(int ComplaintId, int InvestigationId)>();
                foreach (var (itemId, complaintId) in items)
                {
                    if (await CompleteAsync(itemId, complaintId, now, cancellationToken) is { } investigationId)
                    {
                        joined.Add((complaintId, investigationId));
                    }
                }

                return joined;
            }, cancellationToken);
            foreach (var (complaintId, investigationId) in joined)
            {
                logger.LogInformation("Complaint {ComplaintId} joined investigation {InvestigationId}", complaintId, investigationId);
            }

            return joined.Count;
        }
        catch (Exception ex) when (ex is DbUpdateException or DomainException or InvalidOperationException)
        {
            logger.LogWarning(ex, "A batch of {Items} root-cause queue items failed; completing them one by one", items.Count);
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private async Task<bool> TryCompleteAsync(long itemId, int complaintId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = Now();
        try
        {
            var joined = await gate.WriteAsync(db, () => CompleteAsync(itemId, complaintId, now, cancellationToken), cancellationToken);
            if (joined is null)
            {
                return false;
            }

            logger.LogInformation("Complaint {ComplaintId} joined investigation {InvestigationId}", complaintId, joined);
            return true;
        }
        catch (Exception ex) when (ex is DbUpdateException or DomainException or InvalidOperationException)
        {
            // The work is not lost: the lease runs out and the item is tried again, up to MaxAttempts.
            logger.LogError(ex, "Root-cause queue item {QueueItemId} failed", itemId);
            db.ChangeTracker.Clear();
            var message = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await using var turn = await gate.EnterAsync(db, cancellationToken);
            await db.RootCauseQueue
                .Where(q => q.Id == itemId && q.LeaseOwner == Owner)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(q => q.LastError, message)
                        .SetProperty(q => q.Status, q => q.Attempts >= _options.MaxAttempts ? QueueItemStatus.Failed : QueueItemStatus.Pending),
                    cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// Inside the caller's write: marks the item done — only if this processor still holds its lease — and triages its
    /// complaint into an investigation. The investigation's id, or null when another instance took the item over.
    /// </summary>
    private async Task<int?> CompleteAsync(long itemId, int complaintId, DateTime now, CancellationToken cancellationToken)
    {
        var stillOurs = await db.RootCauseQueue
            .Where(q => q.Id == itemId && q.Status == QueueItemStatus.Pending && q.LeaseOwner == Owner)
            .ExecuteUpdateAsync(
                s => s.SetProperty(q => q.Status, QueueItemStatus.Done)
                    .SetProperty(q => q.ProcessedAt, now)
                    .SetProperty(q => q.LastError, (string?)null),
                cancellationToken);
        if (stillOurs != 1)
        {
            logger.LogWarning("Lost the lease on root-cause queue item {QueueItemId}; another instance took it over", itemId);
            return null;
        }

        var complaint = await db.Complaints.SingleAsync(c => c.Id == complaintId, cancellationToken);
        var investigation = await TriageAsync(complaint, now, cancellationToken);
        if (db.Entry(investigation).State == EntityState.Added)
        {
            // With its id, in the same transaction: the other systems hear of it only if it is stored (issue 29).
            await SaveForItsIdAsync(cancellationToken);
            await webhooks.RaiseAsync(Webhooks.WebhookEvents.InvestigationOpened, Webhooks.Webhooks.InvestigationFacts(investigation), cancellationToken);
        }

        return investigation.Id;
    }

    /// <summary>
    /// Lean: complaints with the same cause are investigated once. The complaint joins an active investigation
    /// for the same product and category opened within the grouping window; otherwise a new one opens, owned by
    /// the category's manager (if configured) and due after the service level's working days.
    /// </summary>
    private async Task<RootCauseInvestigation> TriageAsync(Complaint complaint, DateTime now, CancellationToken cancellationToken)
    {
        var settings = triage.CurrentValue;
        var windowStart = now.AddDays(-settings.GroupingWindowDays);
        var existing = await db.Investigations
            .Where(i => (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress)
                && i.ProductKey == complaint.ProductKey
                && i.Category == complaint.Category
                && i.OpenedAt >= windowStart)
            .OrderByDescending(i => i.OpenedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            existing.Add(complaint, now);
            return existing;
        }

        // The organisation's calendar: managers investigate chain-wide, on the organisation's working days.
        var due = (await deadlines.CalendarAsync(null, cancellationToken)).AddWorkingDays(deadlines.DayOf(now), settings.ServiceLevelWorkingDays);
        var investigation = RootCauseInvestigation.OpenFor(complaint, now, due, await OwnerForAsync(complaint.Category, settings));
        db.Investigations.Add(investigation);
        return investigation;
    }

    private async Task<StaffMember?> OwnerForAsync(ComplaintCategory category, InvestigationOptions settings)
    {
        if (!settings.Owners.TryGetValue(category, out var email) || string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var manager = await users.FindByEmailAsync(email);
        if (manager is null || !manager.IsActive || !await users.IsInRoleAsync(manager, Roles.Manager))
        {
            logger.LogWarning("The owner {Email} configured for category {Category} is not an active manager; the investigation is left for a manager to take", email, category);
            return null;
        }

        return new StaffMember(manager.Id, manager.FirstName, isManager: true);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
