using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Reporting;

/// <summary>Promises of one store (null: no store) under one regime that fell due in the period.</summary>
public sealed record PromiseRow(int? StoreId, string Store, Regime Regime, int Kept, int Missed)
{
    /// <summary>The share kept of the promises that fell due; null when none did.</summary>
    public double? OnTimePercent => Kept + Missed == 0 ? null : Math.Round(100.0 * Kept / (Kept + Missed), 1);
}

/// <summary>An unanswered complaint whose promised day has passed.</summary>
public sealed record OverdueRow(TrackingCode TrackingCode, string Store, Regime Regime, DateOnly RespondBy, string ProductName);

/// <summary>The dashboard's promises (issue 28): on-time share per store and regime in the period, and what is overdue now.</summary>
public sealed record PromiseFigures(IReadOnlyList<PromiseRow> Rows, IReadOnlyList<OverdueRow> Overdue, int OverdueCount)
{
    public int Kept => Rows.Sum(r => r.Kept);

    public int Missed => Rows.Sum(r => r.Missed);

    public double? OnTimePercent => Kept + Missed == 0 ? null : Math.Round(100.0 * Kept / (Kept + Missed), 1);
}

/// <summary>
/// Promises kept and missed: every store's from the daily roll-up (ADR 0039), some stores' from IX_Complaints_PromisesKept
/// (promises due in the period), and what is overdue from IX_Complaints_Overdue (unanswered, due before today). A promise counts when it fell due: kept when the complaint
/// was resolved on or before the promised day, missed when it was resolved later or is still unanswered after it.
/// A complaint whose clock stands still (waiting on the customer) is neither.
/// </summary>
public sealed class PromiseReport(AppDbContext db, Organisation.Deadlines deadlines)
{
    public const int OverdueShown = 50;

    /// <summary>The CSV lists every overdue complaint up to this many.</summary>
    public const int OverdueInCsv = 100_000;

    /// <summary>The period's promises in <paramref name="storeIds"/> (null: every store), with the <paramref name="overdueShown"/> oldest overdue ones.</summary>
    /// <remarks>Store names come from <paramref name="knownStores"/> (the page's store list); only others are read.</remarks>
    public Task<PromiseFigures> ComputeAsync(DateOnly from, DateOnly to, IReadOnlyList<int>? storeIds, IReadOnlyDictionary<int, string> knownStores, CancellationToken cancellationToken, int overdueShown = OverdueShown) =>
        ComputeAsync(from, to, storeIds, knownStores, fromRollup: true, cancellationToken, overdueShown);

    /// <summary>
    /// The same; every store's promises from the daily roll-up (ADR 0039) unless <paramref name="fromRollup"/> is false,
    /// which counts them from the complaints — what the roll-up is tested against. Some stores: their own complaints.
    /// </summary>
    internal async Task<PromiseFigures> ComputeAsync(DateOnly from, DateOnly to, IReadOnlyList<int>? storeIds, IReadOnlyDictionary<int, string> knownStores, bool fromRollup, CancellationToken cancellationToken, int overdueShown = OverdueShown)
    {
        var today = deadlines.Today;
        var until = to < today ? to : today.AddDays(-1);
        var grouped = storeIds is null && fromRollup
            ? (await DashboardQueries.RolledUp(db, DailyFigureKind.Promise, DailyFigureKind.PromiseByMonth, from, until)
                .GroupBy(f => f.Item)
                .Select(g => new { g.Key, Kept = g.Sum(f => f.FirstContact), Total = g.Sum(f => f.Complaints) })
                .ToListAsync(cancellationToken))
                .Select(g => (Of: DailyFigures.ReadPromiseItem(g.Key), g.Kept, g.Total))
                .Select(g => new PromiseGroup(g.Of.StoreId, g.Of.Regime, g.Kept, g.Total))
                .ToList()
            : await DashboardQueries.InStores(db.Complaints.AsNoTracking(), storeIds)
                .Where(c => c.RespondBy >= from && c.RespondBy <= until)
                .Where(c => c.PromiseKept != null || (c.Status == ComplaintStatus.Received && c.ClockPausedSince == null))
                .GroupBy(c => new { c.StoreId, c.Regime })
                .Select(g => new PromiseGroup(g.Key.StoreId, g.Key.Regime, g.Count(c => c.PromiseKept == true), g.Count()))
                .ToListAsync(cancellationToken);
        var overdue = DashboardQueries.InStores(db.Complaints.AsNoTracking(), storeIds)
            .Where(c => c.Status == ComplaintStatus.Received && c.RespondBy < today && c.ClockPausedSince == null);
        var oldest = await overdue.OrderBy(c => c.RespondBy).ThenBy(c => c.Id).Take(overdueShown)
            .Select(c => new { c.TrackingCode, c.StoreId, c.Regime, c.RespondBy, c.ProductName })
            .ToListAsync(cancellationToken);
        var overdueCount = oldest.Count < overdueShown ? oldest.Count : await overdue.CountAsync(cancellationToken);
        var unknown = grouped.Select(g => g.StoreId).Concat(oldest.Select(o => o.StoreId)).OfType<int>().Where(id => !knownStores.ContainsKey(id)).Distinct().ToList();
        var names = new Dictionary<int, string>(knownStores);
        if (unknown.Count > 0)
        {
            foreach (var store in await db.Stores.AsNoTracking().Where(s => unknown.Contains(s.Id)).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken))
            {
                names[store.Id] = $"{store.Code} {store.Name}";
            }
        }

        string Name(int? id) => id is { } known && names.TryGetValue(known, out var name) ? name : "–";
        return new PromiseFigures(
            [.. grouped.Where(g => g.Total != 0).Select(g => new PromiseRow(g.StoreId, Name(g.StoreId), g.Regime, g.Kept, g.Total - g.Kept)).OrderBy(r => r.Store, StringComparer.CurrentCulture).ThenBy(r => r.Regime)],
            [.. oldest.Select(o => new OverdueRow(o.TrackingCode, Name(o.StoreId), o.Regime, o.RespondBy!.Value, o.ProductName))],
            overdueCount);
    }

    private sealed record PromiseGroup(int? StoreId, Regime Regime, int Kept, int Total);
}
