using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Payouts;

/// <summary>How many refunds are owed, for how much, and how many of them are late, for a set of stores (null: all).</summary>
public sealed record OwedTotals(int Count, long Cents, int Late, long LateCents);

/// <summary>
/// One rule for "owed" and "late" (issue 43), read by finance's payouts, the managers' dashboard and the customer's
/// status page: a refund by bank transfer or through the original payment method that is not paid yet, due
/// <see cref="FulfilmentOptions.RefundWithinWorkingDays"/> working days of the organisation's calendar after its grant.
/// </summary>
public sealed class OwedRefunds(AppDbContext db, Organisation.Deadlines deadlines, IOptionsMonitor<FulfilmentOptions> fulfilment)
{
    /// <summary>The complaints whose refund is owed, unordered and untracked.</summary>
    public IQueryable<Complaint> All => db.Complaints.AsNoTracking().Where(c => c.Resolution != null && c.Resolution.Type == ResolutionType.Refund
        && (c.Resolution.RefundMethod == RefundMethod.BankTransfer || c.Resolution.RefundMethod == RefundMethod.OriginalPayment)
        && c.Resolution.PaidOn == null);

    /// <summary>When a refund granted at a moment is due, and the moment before which a grant is late today.</summary>
    public Task<(Func<DateTime, DateOnly> PayBy, DateTime LateBeforeUtc)> ClockAsync(CancellationToken cancellationToken) =>
        deadlines.PayoutClockAsync(fulfilment.CurrentValue.RefundWithinWorkingDays, cancellationToken);

    /// <summary>What is owed per store (the key: the store's id, null for none).</summary>
    public async Task<IReadOnlyList<(int? StoreId, OwedTotals Totals)>> PerStoreAsync(IReadOnlyList<int>? storeIds, CancellationToken cancellationToken)
    {
        var (_, lateBefore) = await ClockAsync(cancellationToken);
        var owed = storeIds is null ? All : All.Where(c => c.StoreId != null && storeIds.Contains(c.StoreId.Value));
        var rows = await owed.GroupBy(c => c.StoreId)
            .Select(g => new { g.Key, Count = g.Count(), Cents = g.Sum(c => c.Resolution!.AmountCents ?? 0), Late = g.Count(c => c.Resolution!.GrantedAt < lateBefore), LateCents = g.Where(c => c.Resolution!.GrantedAt < lateBefore).Sum(c => c.Resolution!.AmountCents ?? 0) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Key, new OwedTotals(r.Count, r.Cents, r.Late, r.LateCents)))];
    }

    /// <summary>What is owed in all of <paramref name="storeIds"/> together.</summary>
    public async Task<OwedTotals> TotalsAsync(IReadOnlyList<int>? storeIds, CancellationToken cancellationToken)
    {
        var perStore = await PerStoreAsync(storeIds, cancellationToken);
        return new OwedTotals(perStore.Sum(s => s.Totals.Count), perStore.Sum(s => s.Totals.Cents), perStore.Sum(s => s.Totals.Late), perStore.Sum(s => s.Totals.LateCents));
    }
}
