using System.Runtime.CompilerServices;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace KlantCentraal.Web.Reporting;

/// <summary>
/// Keeps <see cref="DailyFigure"/> in the same transaction as the save that changes a complaint or an investigation's
/// cause: collects the changes before EF writes, opens a transaction when the caller has none, and adds them after.
/// </summary>
public sealed class DailyFiguresInterceptor(DailyFigures figures) : SaveChangesInterceptor
{
    private sealed record Pending(DailyFigures.Changes Changes, IDbContextTransaction? OwnTransaction);

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            var changes = await figures.CollectAsync(db, cancellationToken);
            if (!changes.IsEmpty)
            {
                var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
                _pending.AddOrUpdate(db, new Pending(changes, own));
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            await using (pending.OwnTransaction)
            {
                await DailyFigures.ApplyAsync(db, pending.Changes, cancellationToken);
                if (pending.OwnTransaction is { } own)
                {
                    await own.CommitAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await ForgetAsync(eventData.Context);
    }

    /// <summary>A lost optimistic-concurrency check does not count as a failed save in EF: its own transaction ends here.</summary>
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await ForgetAsync(eventData.Context);
        return result;
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await ForgetAsync(eventData.Context);
    }

    /// <summary>
    /// Synchronous saves (Data Protection's key store uses one) pass when they touch no complaint and no
    /// investigation; one that does would skip the roll-up, so it refuses.
    /// </summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var touches = eventData.Context is { } db && db.ChangeTracker.Entries()
            .Any(e => e.Entity is Complaint or RootCauseInvestigation && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        return touches
            ? throw new NotSupportedException("Save complaints and investigations with SaveChangesAsync: the dashboard's daily figures are kept there.")
            : result;
    }

    private async Task ForgetAsync(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            if (pending.OwnTransaction is { } own)
            {
                await own.DisposeAsync();
            }
        }
    }
}
