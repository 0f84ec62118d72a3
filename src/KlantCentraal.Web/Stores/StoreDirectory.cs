using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Stores;

/// <summary>
/// The administrators' side of stores: create, edit, close (moving or keeping the open complaints), store a piece of a
/// CSV import, and say which stores a staff member works for. Every write goes through the write gate
/// in one transaction and lands in the audit log.
/// </summary>
public sealed class StoreDirectory(AppDbContext db, WriteGate gate, AuditLog audit, Organisation.Deadlines deadlines, TimeProvider time)
{
    /// <summary>Complaints that are not closed yet: they ask what happens to them when their store closes.</summary>
    public Task<int> OpenComplaintsAsync(int storeId, CancellationToken cancellationToken) =>
        db.Complaints.CountAsync(c => c.StoreId == storeId && c.Status != ComplaintStatus.Closed, cancellationToken);

    /// <summary>
    /// Creates (<paramref name="id"/> null) or edits a store: Done with its id; Refused with
    /// <see cref="Outcome.StoreProblems"/> for the rules its details break; Conflict when another store has its code.
    /// Its hours and country count for promises, so every calendar is read again once it is saved.
    /// </summary>
    public Task<Outcome> SaveAsync(int? id, StoreDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Store.ProblemsWith(details) is { Count: > 0 } problems)
        {
            return Task.FromResult(Outcome.Refused(problems));
        }

        var code = Store.NormaliseCode(details.Code);
        return gate.StepAsync(db, async effects =>
        {
            if (await db.Stores.AnyAsync(s => s.Code == code && s.Id != (id ?? 0), cancellationToken))
            {
                return Outcome.Conflict;
            }

            var store = id is { } existing ? await db.Stores.SingleOrDefaultAsync(s => s.Id == existing, cancellationToken) : Store.Open(details);
            if (store is null)
            {
                return Outcome.NotFound;
            }

            if (id is null)
            {
                db.Stores.Add(store);
            }
            else
            {
                store.Update(details);
            }

            audit.Record(AuditAction.StoreSaved, nameof(Store), store.Code, store.Name);
            effects.Notice(deadlines.CalendarsChangedAsync);
            await db.SaveChangesAsync(cancellationToken); // its id, for the page to show next
            return Outcome.Done(store.Id);
        },
        cancellationToken);
    }

    /// <summary>
    /// Closes the store. Its open complaints move to <paramref name="moveToStoreId"/> (each with a timeline entry),
    /// or stay with the closed store when it is null; either way its history and figures stay. Not found: no such open
    /// store, or no such open store to move to.
    /// </summary>
    public async Task<Outcome> CloseAsync(int storeId, int? moveToStoreId, StaffMember by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow().UtcDateTime;
        return await gate.StepAsync(db, async _ =>
        {
            var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, cancellationToken);
            var target = moveToStoreId is { } to ? await db.Stores.SingleOrDefaultAsync(s => s.Id == to && s.ClosedAt == null && s.Id != storeId, cancellationToken) : null;
            if (store is null || store.IsClosed || (moveToStoreId is not null && target is null))
            {
                return Outcome.NotFound;
            }

            var moved = 0;
            if (target is not null)
            {
                var open = await db.Complaints.Include(c => c.Timeline)
                    .Where(c => c.StoreId == storeId && c.Status != ComplaintStatus.Closed)
                    .ToListAsync(cancellationToken);
                foreach (var complaint in open)
                {
                    complaint.MoveToStore(target, by, now);
                }

                moved = open.Count;
            }

            store.Close(now);
            audit.Record(AuditAction.StoreClosed, nameof(Store), store.Code, target is null ? null : AuditDetail.Of(AuditNote.ComplaintsMovedTo, moved, target.Code));
            return Outcome.Done(store.Id);
        }, cancellationToken);
    }

    /// <summary>Opens a closed store again; an open one is <see cref="OutcomeKind.Unchanged"/>.</summary>
    public async Task<Outcome> ReopenAsync(int storeId, CancellationToken cancellationToken) =>
        await gate.StepAsync(db, async _ =>
        {
            var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, cancellationToken);
            if (store is null)
            {
                return Outcome.NotFound;
            }

            if (!store.IsClosed)
            {
                return Outcome.Unchanged;
            }

            store.Reopen();
            audit.Record(AuditAction.StoreSaved, nameof(Store), store.Code, AuditNote.Reopened);
            return Outcome.Done(store.Id);
        }, cancellationToken);

    /// <summary>
    /// One piece of a checked import (<see cref="Imports.ImportJobs"/>), inside the caller's write: creates the rows'
    /// stores and updates those whose code exists. Importing the same rows again changes nothing, so a piece that is
    /// stored again after a crash counts its stores as unchanged.
    /// </summary>
    public async Task<Imports.ImportCounts> ImportPieceAsync(IReadOnlyList<StoreCsvRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var existing = new Dictionary<string, Store>(StringComparer.Ordinal);
        foreach (var codes in rows.Select(r => r.Details.Code).Chunk(500))
        {
            foreach (var store in await db.Stores.Where(s => codes.Contains(s.Code)).ToListAsync(cancellationToken))
            {
                existing[store.Code] = store;
            }
        }

        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Details.Code, out var store))
            {
                if (store.Update(row.Details))
                {
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            else
            {
                db.Stores.Add(Store.Open(row.Details));
                created++;
            }
        }

        return new(created, updated, unchanged, 0, 0);
    }

    /// <summary>Which stores a staff member works for: every store (central staff), or these.</summary>
    public async Task<Outcome> SetStaffStoresAsync(string staffUserId, bool allStores, IReadOnlyCollection<int> storeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeIds);
        return await gate.StepAsync(db, async _ =>
        {
            if (await db.Users.SingleOrDefaultAsync(u => u.Id == staffUserId, cancellationToken) is not { } user)
            {
                return Outcome.NotFound;
            }

            var valid = allStores ? [] : await db.Stores.Where(s => storeIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
            user.AllStores = allStores;
            db.StoreMemberships.RemoveRange(await db.StoreMemberships.Where(m => m.StaffUserId == staffUserId).ToListAsync(cancellationToken));
            db.StoreMemberships.AddRange(valid.Select(id => new StoreMembership(staffUserId, id)));
            var codes = await db.Stores.Where(s => valid.Contains(s.Id)).Select(s => s.Code).ToListAsync(cancellationToken);
            audit.Record(AuditAction.StaffStoresChanged, "Staff", user.Email ?? user.Id, allStores ? "*" : string.Join(",", codes));
            return Outcome.Done();
        }, cancellationToken);
    }
}
