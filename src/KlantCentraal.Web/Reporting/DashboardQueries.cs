using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Reporting;

/// <summary>The Pareto charts' order: by number of complaints, or by goodwill given.</summary>
public enum ParetoBy
{
    Count,
    Cost,
}

public sealed record WeekRow(string Label, int Count, long GoodwillCents);

public sealed record ParetoRow(string Label, int Count, long GoodwillCents, double CumulativePercent);

/// <summary>What the managers' dashboard shows for a period.</summary>
public sealed record DashboardFigures(
    DateOnly From,
    DateOnly To,
    int Complaints,
    double? FirstContactPercent,
    long GoodwillCents,
    double? AverageSatisfaction,
    int Ratings,
    double? MedianMinutesToResolve,
    int OpenInvestigations,
    int OverdueInvestigations,
    int RepeatCustomers,
    int RepeatProducts,
    IReadOnlyList<WeekRow> Weeks,
    IReadOnlyList<ParetoRow> Causes,
    IReadOnlyList<ParetoRow> Products,
    int WaitingForCause);

/// <summary>
/// The dashboard's queries. Every figure is aggregated by the database (GROUP BY, COUNT, SUM; the median from a
/// histogram of minutes); only the per-day, per-investigation and per-product rows the database returns are combined
/// here (into weeks, causes and the top ten), with <see cref="Statistics"/>.
/// </summary>
public sealed class DashboardQueries(IServiceScopeFactory scopes, Formats formats, Organisation.OrganisationCalendar calendar)
{
    public const int TopProducts = 10;

    /// <summary>Every figure of the dashboard for <paramref name="from"/>–<paramref name="to"/>, in <paramref name="storeIds"/> (null: every store).</summary>
    public Task<DashboardFigures> ComputeAsync(DateOnly from, DateOnly to, IReadOnlyList<int>? storeIds, ParetoBy by, CancellationToken cancellationToken) =>
        ComputeAsync(from, to, storeIds, by, fromRollup: true, cancellationToken);

    /// <summary>The same, from the complaints themselves when <paramref name="fromRollup"/> is false: what the roll-up is tested against.</summary>
    internal async Task<DashboardFigures> ComputeAsync(DateOnly from, DateOnly to, IReadOnlyList<int>? storeIds, ParetoBy by, bool fromRollup, CancellationToken cancellationToken)
    {
        var today = calendar.Today();
        var start = calendar.StartOfDayUtc(from);
        var end = calendar.StartOfDayUtc(to.AddDays(1));

        // Four independent groups of queries, at most one per core at a time, each on a pooled DbContext of its own (a context
        // is not thread-safe). Task.Run matters: Microsoft.Data.Sqlite's async methods complete synchronously.
        // Every complaint query filters on ReceivedAt and reads only IX_Complaints_Dashboard (a covering index).
        // Grouping keys are written as expressions (CustomerId + 0, ProductKey + "") so SQLite does not walk the
        // whole single-column index of that key instead of the period's slice of the covering index.
        List<DayRow> days = [];
        List<(CauseCategory? Cause, int Count, long Goodwill)> causes = [];
        List<(int Minutes, int Count)> histogram = [];
        List<ProductRow> byProduct = [];
        int repeatCustomers = 0, openInvestigations = 0, overdueInvestigations = 0;
        // Every store: the daily roll-up (a row per day, product, cause and minutes; ADR 0022) and, since repeat customers
        // are not a sum of days, each customer's first complaint in the period with a next one in it. Some stores: their
        // own complaints, which neither splits by.
        var rolledUp = storeIds is null && fromRollup;
        Func<AppDbContext, Task> repeat = async q => repeatCustomers = rolledUp
            ? await RolledUpRepeatCustomers(q, from, to).SumAsync(f => f.Kind == DailyFigureKind.CustomerPair ? f.Complaints : -f.Complaints, cancellationToken)
            : await RepeatCustomers(q, start, end, storeIds).CountAsync(cancellationToken);
        Func<AppDbContext, Task> causesAndProducts = async q => (causes, byProduct) = rolledUp
            ? await RolledUpCausesAndProductsAsync(q, from, to, cancellationToken)
            : await CausesAndProductsAsync(q, start, end, storeIds, cancellationToken);
        Func<AppDbContext, Task> minutes = async q => histogram = rolledUp
            ? await RolledUpMinutesAsync(q, from, to, cancellationToken)
            : await MinutesToResolveAsync(q, start, end, storeIds, cancellationToken);
        Func<AppDbContext, Task> daysAndInvestigations = async q =>
        {
            openInvestigations = await q.Investigations.CountAsync(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress, cancellationToken);
            overdueInvestigations = await q.Investigations.CountAsync(i => (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress) && i.DueDate < today, cancellationToken);
            days = rolledUp
                ? await RolledUp(q, DailyFigureKind.Total, from, to).Select(f => new DayRow(f.Day, f.Complaints, f.FirstContact, f.GoodwillCents, f.Rated, f.ScoreSum)).ToListAsync(cancellationToken)
                : await PerDayAsync(q, start, end, storeIds, calendar.Zone, cancellationToken);
        };
        // The slowest first, so the two cores finish at about the same time (measured at 1,000,000 complaints over two
        // years: from the roll-up the minutes' histogram is the largest group, from the complaints causes and products).
        Func<AppDbContext, Task>[] queries = rolledUp
            ? [minutes, causesAndProducts, repeat, daysAndInvestigations]
            : [causesAndProducts, repeat, minutes, daysAndInvestigations];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(queries, parallel, async (query, _) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await Task.Run(() => query(scope.ServiceProvider.GetRequiredService<AppDbContext>()), cancellationToken);
        });

        var totals = new
        {
            Count = days.Sum(d => d.Count),
            FirstContact = days.Sum(d => d.FirstContact),
            Goodwill = days.Sum(d => d.Goodwill),
            Rated = days.Sum(d => d.Rated),
            ScoreSum = days.Sum(d => d.ScoreSum),
        };
        var weeks = days
            .GroupBy(d => (ISOWeek.GetYear(d.Day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(d.Day.ToDateTime(TimeOnly.MinValue))))
            .OrderBy(g => g.Key)
            .Select(g => new WeekRow($"{g.Key.Item1}-W{g.Key.Item2:D2}", g.Sum(d => d.Count), g.Sum(d => d.Goodwill)))
            .ToList();
        var products = (by == ParetoBy.Cost ? byProduct.OrderByDescending(p => p.Goodwill) : byProduct.OrderByDescending(p => p.Count))
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(TopProducts)
            .ToList();
        var repeatProducts = byProduct.Count(p => p.Count > 1);

        var count = totals.Count;
        return new DashboardFigures(
            from,
            to,
            count,
            count == 0 ? null : Math.Round(100.0 * totals.FirstContact / count, 1),
            totals.Goodwill,
            totals.Rated > 0 ? Math.Round((double)totals.ScoreSum / totals.Rated, 2) : null,
            totals.Rated,
            Statistics.Median(histogram),
            openInvestigations,
            overdueInvestigations,
            repeatCustomers,
            repeatProducts,
            weeks,
            // Complaints whose cause is not known yet are left out of the Pareto (they would dwarf it) and counted apart.
            Statistics.Pareto(causes.Where(c => c.Cause is not null).Select(c => (formats.Label(c.Cause!.Value), c.Count, c.Goodwill)), by),
            Statistics.Pareto(products.Select(p => (p.Name, p.Count, p.Goodwill)), by, totalCount: count, totalGoodwill: totals.Goodwill),
            causes.Where(c => c.Cause is null).Sum(c => c.Count));
    }

    internal static IQueryable<Complaint> InPeriod(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? ids) =>
        InStores(db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end), ids);

    /// <summary>Complaints of these stores; every complaint when <paramref name="ids"/> is null.</summary>
    internal static IQueryable<Complaint> InStores(IQueryable<Complaint> complaints, IReadOnlyList<int>? ids) =>
        ids is null ? complaints : complaints.Where(c => c.StoreId != null && ids.Contains(c.StoreId.Value));

    /// <summary>Per local day: the database groups by UTC day and hour, which fall into one local day each (whole-hour zones).</summary>
    private static async Task<List<DayRow>> PerDayAsync(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        (await PerDay(db, start, end, storeIds).ToListAsync(cancellationToken))
        .GroupBy(h => Organisation.OrganisationCalendar.DayOf(h.Day.ToDateTime(new TimeOnly(h.Hour, 0)), zone))
        .Select(g => new DayRow(g.Key, g.Sum(h => h.Count), g.Sum(h => h.FirstContact), g.Sum(h => h.Goodwill), g.Sum(h => h.Rated), g.Sum(h => h.ScoreSum)))
        .OrderBy(d => d.Day)
        .ToList();

    internal static IQueryable<DailyFigure> RolledUp(AppDbContext db, DailyFigureKind kind, DateOnly from, DateOnly to) =>
        db.DailyFigures.AsNoTracking().Where(f => f.Kind == kind && f.Day >= from && f.Day <= to && f.Complaints != 0);

    /// <summary>
    /// The period's rows of a kind that also has monthly rows: the calendar months wholly inside the period from the
    /// monthly rows, the days before and after them from the daily ones (two years: ~8,000 rows instead of ~200,000).
    /// </summary>
    internal static IQueryable<DailyFigure> RolledUp(AppDbContext db, DailyFigureKind kind, DailyFigureKind byMonth, DateOnly from, DateOnly to)
    {
        var wholeFrom = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var wholeTo = to.AddDays(1).Day == 1 ? to.AddDays(1) : new DateOnly(to.Year, to.Month, 1);
        if (wholeFrom >= wholeTo)
        {
            return RolledUp(db, kind, from, to);
        }

        return db.DailyFigures.AsNoTracking().Where(f => f.Complaints != 0 && (
            (f.Kind == kind && f.Day >= from && f.Day < wholeFrom)
            || (f.Kind == byMonth && f.Day >= wholeFrom && f.Day < wholeTo)
            || (f.Kind == kind && f.Day >= wholeTo && f.Day <= to)));
    }

    private static async Task<List<(int Minutes, int Count)>> RolledUpMinutesAsync(AppDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await RolledUp(db, DailyFigureKind.Minutes, DailyFigureKind.MinutesByMonth, from, to).GroupBy(f => f.Item).Select(g => new { g.Key, Count = g.Sum(f => f.Complaints) }).ToListAsync(cancellationToken))
        .Select(m => (int.Parse(m.Key, CultureInfo.InvariantCulture), m.Count))
        .OrderBy(m => m.Item1)
        .ToList();

    private static async Task<(List<(CauseCategory? Cause, int Count, long Goodwill)> Causes, List<ProductRow> Products)> RolledUpCausesAndProductsAsync(
        AppDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var causes = (await RolledUp(db, DailyFigureKind.Cause, from, to).GroupBy(f => f.Item).Select(g => new { g.Key, Count = g.Sum(f => f.Complaints), Goodwill = g.Sum(f => f.GoodwillCents) }).ToListAsync(cancellationToken))
            .Select(c => (c.Key.Length == 0 ? (CauseCategory?)null : Enum.Parse<CauseCategory>(c.Key), c.Count, c.Goodwill))
            .ToList();
        var products = (await RolledUp(db, DailyFigureKind.Product, DailyFigureKind.ProductByMonth, from, to).GroupBy(f => f.Item).Select(g => new { g.Key, Count = g.Sum(f => f.Complaints), Goodwill = g.Sum(f => f.GoodwillCents) }).ToListAsync(cancellationToken))
            .Select(p => (p.Key, p.Count, p.Goodwill))
            .ToList();
        return (causes, await NamedAsync(db, products, cancellationToken));
    }

    // The queries themselves, apart from running them: a test reads their SQL Server text offline (SqlServerOffline).
    internal static IQueryable<HourRow> PerDay(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds) =>
        InPeriod(db, start, end, storeIds)
            .GroupBy(c => new { c.ReceivedOn, c.ReceivedAt.Hour })
            .Select(g => new HourRow(
                g.Key.ReceivedOn,
                g.Key.Hour,
                g.Count(),
                g.Count(c => c.Resolution!.FirstContact),
                g.Sum(c => c.Resolution!.AmountCents ?? 0),
                g.Count(c => c.SatisfactionScore != null),
                g.Sum(c => c.SatisfactionScore ?? 0)));

    /// <summary>
    /// The customers' pairs and triples of complaints that lie wholly in the period: from its first day on, up to its
    /// last. Pairs minus triples is the number of customers with more than one complaint in it (ADR 0039); the rows
    /// read grow with the period's days, not with its complaints.
    /// </summary>
    internal static IQueryable<DailyFigure> RolledUpRepeatCustomers(AppDbContext db, DateOnly from, DateOnly to)
    {
        var last = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
#pragma warning disable CA1309 // EF translates string.Compare to SQL <=, an ordinal comparison of ISO dates
        return db.DailyFigures.AsNoTracking().Where(f => (f.Kind == DailyFigureKind.CustomerPair || f.Kind == DailyFigureKind.CustomerTriple)
            && f.Day >= from && f.Day <= to && string.Compare(f.Item, last) <= 0);
#pragma warning restore CA1309
    }

    internal static IQueryable<int> RepeatCustomers(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds) =>
        InPeriod(db, start, end, storeIds).GroupBy(c => c.CustomerId + 0).Where(g => g.Count() > 1).Select(g => g.Key);

    internal static IQueryable<GroupRow> CausesAndProducts(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds) =>
        from g in InPeriod(db, start, end, storeIds)
            .GroupBy(c => new { Id = c.InvestigationId + 0, Key = c.ProductKey + "" })
            .Select(g => new { g.Key.Id, g.Key.Key, Count = g.Count(), Goodwill = g.Sum(c => c.Resolution!.AmountCents ?? 0) })
        join i in db.Investigations on g.Id equals i.Id into matched
        from i in matched.DefaultIfEmpty()
        select new GroupRow(i == null ? null : i.CauseCategory, g.Key, g.Count, g.Goodwill);

    internal static IQueryable<MinutesRow> MinutesToResolve(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds) =>
        InPeriod(db, start, end, storeIds)
            .Where(c => c.Status != ComplaintStatus.Received)
            .GroupBy(c => c.Resolution!.MinutesToResolve + 0)
            .OrderBy(g => g.Key)
            .Select(g => new MinutesRow(g.Key, g.Count()));

    /// <summary>
    /// Causes and products in one pass: complaints per (investigation, product), joined to the investigations'
    /// causes, then summed per cause and per product here. One sort of the period's rows instead of two.
    /// </summary>
    private static async Task<(List<(CauseCategory? Cause, int Count, long Goodwill)> Causes, List<ProductRow> Products)> CausesAndProductsAsync(
        AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds, CancellationToken cancellationToken)
    {
        var groups = await CausesAndProducts(db, start, end, storeIds).ToListAsync(cancellationToken);
        var causes = groups
            .GroupBy(x => x.Cause)
            .Select(g => (g.Key, g.Sum(x => x.Count), g.Sum(x => x.Goodwill)))
            .ToList();
        var byProduct = groups
            .GroupBy(x => x.Key)
            .Select(g => (g.Key, g.Sum(x => x.Count), g.Sum(x => x.Goodwill)))
            .ToList();
        return (causes, await NamedAsync(db, byProduct, cancellationToken));
    }

    /// <summary>Names the products by their investigation's title, or as a complaint typed it; only the top ones are looked up.</summary>
    private static async Task<List<ProductRow>> NamedAsync(AppDbContext db, List<(string Key, int Count, long Goodwill)> byProduct, CancellationToken cancellationToken)
    {
        // In the order of their keys, so that products with equal figures always come out in the same order.
        byProduct = byProduct.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var top = byProduct.OrderByDescending(p => p.Count).Take(TopProducts)
            .Concat(byProduct.OrderByDescending(p => p.Goodwill).Take(TopProducts))
            .Select(p => p.Key).Distinct().ToList();
        var names = (await db.Investigations.AsNoTracking()
                .Where(i => top.Contains(i.ProductKey))
                .Select(i => new { i.ProductKey, i.Title })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.ProductKey)
            .ToDictionary(g => g.Key, g => g.First().Title);
        // Before the worker groups them into an investigation, a product is named as the customer's complaint typed it.
        var unnamed = top.Where(k => !names.ContainsKey(k)).ToList();
        foreach (var typed in await db.Complaints.AsNoTracking()
                     .Where(c => unnamed.Contains(c.ProductKey))
                     .GroupBy(c => c.ProductKey)
                     .Select(g => new { g.Key, Name = g.Min(c => c.ProductName)! })
                     .ToListAsync(cancellationToken))
        {
            names[typed.Key] = typed.Name;
        }

        return byProduct
            .Select(p => new ProductRow(names.GetValueOrDefault(p.Key) ?? p.Key[(p.Key.IndexOf(':', StringComparison.Ordinal) + 1)..], p.Count, p.Goodwill))
            .ToList();
    }

    /// <summary>A histogram of minutes to resolution, for the median: counting in SQL is cheaper than sorting every row.</summary>
    private static async Task<List<(int Minutes, int Count)>> MinutesToResolveAsync(AppDbContext db, DateTime start, DateTime end, IReadOnlyList<int>? storeIds, CancellationToken cancellationToken) =>
        (await MinutesToResolve(db, start, end, storeIds).ToListAsync(cancellationToken))
        .Select(h => (h.Minutes, h.Count))
        .ToList();

    internal sealed record DayRow(DateOnly Day, int Count, int FirstContact, long Goodwill, int Rated, int ScoreSum);

    internal sealed record HourRow(DateOnly Day, int Hour, int Count, int FirstContact, long Goodwill, int Rated, int ScoreSum);

    internal sealed record GroupRow(CauseCategory? Cause, string Key, int Count, long Goodwill);

    internal sealed record MinutesRow(int Minutes, int Count);

    private sealed record ProductRow(string Name, int Count, long Goodwill);
}
