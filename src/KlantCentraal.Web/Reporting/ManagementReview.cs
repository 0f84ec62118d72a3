using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Reporting;

/// <summary>A count under a label (a channel, a category, a store).</summary>
public sealed record CountRow(string Label, int Count);

/// <summary>
/// The quarterly management review (ISO 10002, clause 8.7; issue 29): complaints by channel, category and store,
/// promises kept against the rules they ran under, satisfaction, what the investigations found and improved, and the
/// goodwill it cost. Read for any period; the page, its CSV and the quarterly e-mail show the same figures.
/// </summary>
public sealed record ReviewFigures(
    DateOnly From,
    DateOnly To,
    int Complaints,
    IReadOnlyList<CountRow> ByChannel,
    IReadOnlyList<CountRow> ByCategory,
    IReadOnlyList<CountRow> ByStore,
    PromiseFigures Promises,
    double? AverageSatisfaction,
    int Ratings,
    int InvestigationsOpened,
    int InvestigationsFixed,
    int InvestigationsVerified,
    int InvestigationsClosedWithoutCause,
    long GoodwillCents,
    IReadOnlyList<string> Improvements);

public sealed class ManagementReview(AppDbContext db, PromiseReport promises, Localization.Formats formats, Organisation.OrganisationCalendar calendar)
{
    /// <summary>
    /// The figures of the complaints received in the period at <paramref name="storeIds"/> (null: every store, for
    /// central managers; see <see cref="Stores.StoreAccess.Snapshot.ReportScope"/>). Investigations stay chain-wide (ADR 0016).
    /// </summary>
    public async Task<ReviewFigures> ComputeAsync(DateOnly from, DateOnly to, IReadOnlyList<int>? storeIds, CancellationToken cancellationToken)
    {
        var (start, end) = (calendar.StartOfDayUtc(from), calendar.StartOfDayUtc(to.AddDays(1)));
        var complaints = db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        if (storeIds is not null)
        {
            complaints = complaints.Where(c => c.StoreId != null && storeIds.Contains(c.StoreId.Value));
        }

        var byChannel = await complaints.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byCategory = await complaints.GroupBy(c => c.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStore = await complaints.GroupBy(c => c.StoreId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds == null || storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => $"{s.Code} {s.Name}", cancellationToken);
        var rated = await complaints.Where(c => c.SatisfactionScore != null).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Average = g.Average(c => (double)c.SatisfactionScore!.Value) }).FirstOrDefaultAsync(cancellationToken);
        var goodwill = await complaints.Where(c => c.Resolution != null).SumAsync(c => c.Resolution!.AmountCents ?? 0, cancellationToken);
        var investigations = db.Investigations.AsNoTracking();
        var improvements = await investigations.Where(i => i.FixedAt >= start && i.FixedAt < end && i.ImprovementText != null)
            .OrderBy(i => i.FixedAt).Take(50).Select(i => i.Title + ": " + i.ImprovementText).ToListAsync(cancellationToken);
        return new ReviewFigures(
            from,
            to,
            byChannel.Sum(c => c.Count),
            [.. byChannel.OrderByDescending(c => c.Count).Select(c => new CountRow(formats.Label(c.Key), c.Count))],
            [.. byCategory.OrderByDescending(c => c.Count).Select(c => new CountRow(formats.Label(c.Key), c.Count))],
            [.. byStore.OrderByDescending(c => c.Count).Select(c => new CountRow(c.Key is { } id && stores.TryGetValue(id, out var name) ? name : "–", c.Count))],
            await promises.ComputeAsync(from, to, storeIds, stores, cancellationToken),
            rated?.Average,
            rated?.Count ?? 0,
            await investigations.CountAsync(i => i.OpenedAt >= start && i.OpenedAt < end, cancellationToken),
            await investigations.CountAsync(i => i.FixedAt >= start && i.FixedAt < end, cancellationToken),
            await investigations.CountAsync(i => i.VerifiedAt >= start && i.VerifiedAt < end, cancellationToken),
            await investigations.CountAsync(i => i.ClosedAt >= start && i.ClosedAt < end && i.Status == InvestigationStatus.ClosedWithoutCause, cancellationToken),
            goodwill,
            improvements);
    }

    /// <summary>The figures as CSV rows for Dutch spreadsheets: one section after the other.</summary>
    public static byte[] Csv(ReviewFigures f, Microsoft.Extensions.Localization.IStringLocalizer t, Localization.Formats formats)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(formats);
        var csv = new SpreadsheetCsv();
        csv.Row(t["Periode"], f.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), f.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        csv.Row(t["Klachten"], f.Complaints);
        foreach (var (title, rows) in new[] { (t["Kanaal"].Value, f.ByChannel), (t["Categorie"].Value, f.ByCategory), (t["Winkel"].Value, f.ByStore) })
        {
            foreach (var row in rows)
            {
                csv.Row(title, row.Label, row.Count);
            }
        }

        foreach (var row in f.Promises.Rows)
        {
            csv.Row(t["Beloftes"], row.Store, formats.Label(row.Regime), row.Kept, row.Missed, row.OnTimePercent);
        }

        csv.Row(t["Gemiddelde tevredenheid (1-5)"], f.AverageSatisfaction, f.Ratings);
        csv.Row(t["Onderzoeken geopend"], f.InvestigationsOpened);
        csv.Row(t["Onderzoeken opgelost"], f.InvestigationsFixed);
        csv.Row(t["Onderzoeken geverifieerd"], f.InvestigationsVerified);
        csv.Row(t["Onderzoeken zonder oorzaak gesloten"], f.InvestigationsClosedWithoutCause);
        csv.Row(t["Goodwill (euro)"], Money.EurosOf(f.GoodwillCents));
        foreach (var improvement in f.Improvements)
        {
            csv.Row(t["Verbetering"], improvement);
        }

        return csv.ToBytes();
    }
}
