using System.Globalization;
using System.Text.Json;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// What complaints cost and where they come from, for a period. Every figure is aggregated by the database
/// (GROUP BY, COUNT, SUM; the median from a histogram of minutes); only the per-day, per-investigation and
/// per-product rows the database returns are combined here (into weeks, causes and the top ten).
/// </summary>
public sealed class DashboardModel(IServiceScopeFactory scopes, Formats formats, TimeProvider time, StoreAccess stores, IStringLocalizer<SharedResource> t) : PageModel
{
    private IReadOnlyList<int>? _storeIds;
    private DateOnly? _from;
    private DateOnly? _to;

    public const int TopProducts = 10;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get => _from; set => _from = FilterDates.Clamp(value); }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get => _to; set => _to = FilterDates.Clamp(value); }

    /// <summary>Pareto by "count" (default) or by goodwill "cost".</summary>
    [BindProperty(SupportsGet = true)]
    public string By { get; set; } = "count";

    public Figures? Result { get; private set; }

    /// <summary>Empty: the manager's own stores (every store for central managers); "all"; or one of their stores' code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(true, [], null);

    /// <summary>True when the figures are limited to some stores (investigations stay chain-wide).</summary>
    public bool Scoped => _storeIds is not null;

    public bool ByCost => By == "cost";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ScopeAsync(cancellationToken))
        {
            return Forbid();
        }

        Result = await ComputeAsync(cancellationToken);
        return Page();
    }

    /// <summary>The store filter, checked against the manager's own stores: false for a store that is not theirs.</summary>
    private async Task<bool> ScopeAsync(CancellationToken cancellationToken)
    {
        Access = await stores.GetAsync(cancellationToken);
        var scope = Access.Scope(Store);
        _storeIds = scope.Ids;
        return scope.Allowed;
    }

    /// <summary>Every table of the dashboard as CSV (semicolon-separated, UTF-8), as Dutch spreadsheets expect.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken cancellationToken)
    {
        if (!await ScopeAsync(cancellationToken))
        {
            return Forbid();
        }

        var f = await ComputeAsync(cancellationToken);
        var csv = new SpreadsheetCsv();
        void Row(params object?[] cells) => csv.Row(cells);
        switch (table)
        {
            case "summary":
                Row(t["Kengetal"], t["Waarde"]);
                Row(t["Klachten"], f.Complaints);
                Row(t["Opgelost bij eerste contact (%)"], f.FirstContactPercent);
                Row(t["Goodwill (euro)"], f.GoodwillCents * 0.01m);
                Row(t["Gemiddelde tevredenheid (1-5)"], f.AverageSatisfaction);
                Row(t["Aantal beoordelingen"], f.Ratings);
                Row(t["Mediaan tot oplossing (minuten)"], f.MedianMinutesToResolve);
                Row(t["Lopende onderzoeken"], f.OpenInvestigations);
                Row(t["Te late onderzoeken"], f.OverdueInvestigations);
                Row(t["Klanten met herhaalklachten"], f.RepeatCustomers);
                Row(t["Producten met herhaalklachten"], f.RepeatProducts);
                Row(t["Klachten die op een oorzaak wachten"], f.WaitingForCause);
                break;
            case "weeks":
                Row(t["Week"], t["Klachten"], t["Goodwill (euro)"]);
                foreach (var w in f.Weeks)
                {
                    Row(w.Label, w.Count, w.GoodwillCents * 0.01m);
                }

                break;
            case "causes":
            case "products":
                Row(table == "causes" ? t["Oorzaakcategorie"] : t["Product"], t["Klachten"], t["Goodwill (euro)"], t["Cumulatief (%)"]);
                foreach (var p in table == "causes" ? f.Causes : f.Products)
                {
                    Row(p.Label, p.Count, p.GoodwillCents * 0.01m, p.CumulativePercent);
                }

                break;
            default:
                return NotFound();
        }

        return File(csv.ToBytes(), "text/csv; charset=utf-8", $"klantcentraal-{table}-{f.From:yyyy-MM-dd}-{f.To:yyyy-MM-dd}.csv");
    }

    public string ChartJson()
    {
        var f = Result!;
        return JsonSerializer.Serialize(new
        {
            weeks = new { labels = f.Weeks.Select(w => w.Label), counts = f.Weeks.Select(w => w.Count), label = t["Klachten per week"].Value },
            causes = Pareto(f.Causes),
            products = Pareto(f.Products),
            valueLabel = ByCost ? t["Goodwill (euro)"].Value : t["Klachten"].Value,
            cumulativeLabel = t["Cumulatief (%)"].Value,
        });

        object Pareto(IReadOnlyList<ParetoRow> rows) => new
        {
            labels = rows.Select(r => r.Label),
            values = rows.Select(r => ByCost ? r.GoodwillCents / 100m : r.Count),
            cumulative = rows.Select(r => r.CumulativePercent),
        };
    }

    private async Task<Figures> ComputeAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (from, to) = Period();
        var start = formats.StartOfDayUtc(from);
        var end = formats.StartOfDayUtc(to.AddDays(1));

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
        Func<AppDbContext, Task>[] queries =
        [
            // The slowest first, so the two cores finish at about the same time.
            async q => (causes, byProduct) = await CausesAndProductsAsync(q, start, end, cancellationToken),
            async q =>
            {
                repeatCustomers = await InPeriod(q, start, end).GroupBy(c => c.CustomerId + 0).Where(g => g.Count() > 1).CountAsync(cancellationToken);
                openInvestigations = await q.Investigations.CountAsync(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress, cancellationToken);
                overdueInvestigations = await q.Investigations.CountAsync(i => (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress) && i.DueDate < today, cancellationToken);
            },
            async q => histogram = await MinutesToResolveAsync(q, start, end, cancellationToken),
            async q => days = await PerDayAsync(q, start, end, cancellationToken),
        ];
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
        var products = (ByCost ? byProduct.OrderByDescending(p => p.Goodwill) : byProduct.OrderByDescending(p => p.Count))
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(TopProducts)
            .ToList();
        var repeatProducts = byProduct.Count(p => p.Count > 1);

        var count = totals.Count;
        return new Figures(
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
            ParetoOf(causes.Where(c => c.Cause is not null).Select(c => (formats.Label(c.Cause!.Value), c.Count, c.Goodwill))),
            ParetoOf(products.Select(p => (p.Name, p.Count, p.Goodwill)), totalCount: count, totalGoodwill: totals.Goodwill),
            causes.Where(c => c.Cause is null).Sum(c => c.Count));
    }

    private (DateOnly From, DateOnly To) Period()
    {
        (From, To) = ReportPeriod.Of(From, To, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return (From.Value, To.Value);
    }

    private IQueryable<Complaint> InPeriod(AppDbContext db, DateTime start, DateTime end)
    {
        var query = db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        var ids = _storeIds;
        return ids is null ? query : query.Where(c => c.StoreId != null && ids.Contains(c.StoreId.Value));
    }

    private Task<List<DayRow>> PerDayAsync(AppDbContext db, DateTime start, DateTime end, CancellationToken cancellationToken) =>
        InPeriod(db, start, end)
            .GroupBy(c => c.ReceivedOn)
            .Select(g => new DayRow(
                g.Key,
                g.Count(),
                g.Count(c => c.Resolution!.FirstContact),
                g.Sum(c => c.Resolution!.AmountCents ?? 0),
                g.Count(c => c.SatisfactionScore != null),
                g.Sum(c => c.SatisfactionScore ?? 0)))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Causes and products in one pass: complaints per (investigation, product), joined to the investigations'
    /// causes, then summed per cause and per product here. One sort of the period's rows instead of two.
    /// </summary>
    private async Task<(List<(CauseCategory? Cause, int Count, long Goodwill)> Causes, List<ProductRow> Products)> CausesAndProductsAsync(
        AppDbContext db, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var groups = await (
                from g in InPeriod(db, start, end)
                    .GroupBy(c => new { Id = c.InvestigationId + 0, Key = c.ProductKey + "" })
                    .Select(g => new { g.Key.Id, g.Key.Key, Count = g.Count(), Goodwill = g.Sum(c => c.Resolution!.AmountCents ?? 0) })
                join i in db.Investigations on g.Id equals i.Id into matched
                from i in matched.DefaultIfEmpty()
                select new { Cause = i == null ? null : i.CauseCategory, g.Key, g.Count, g.Goodwill })
            .ToListAsync(cancellationToken);
        var causes = groups
            .GroupBy(x => x.Cause)
            .Select(g => (g.Key, g.Sum(x => x.Count), g.Sum(x => x.Goodwill)))
            .ToList();
        var byProduct = groups
            .GroupBy(x => x.Key)
            .Select(g => new { g.Key, Count = g.Sum(x => x.Count), Goodwill = g.Sum(x => x.Goodwill) })
            .ToList();
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

        var products = byProduct
            .Select(p => new ProductRow(names.GetValueOrDefault(p.Key) ?? p.Key[(p.Key.IndexOf(':', StringComparison.Ordinal) + 1)..], p.Count, p.Goodwill))
            .ToList();
        return (causes, products);
    }

    /// <summary>A histogram of minutes to resolution, for the median: counting in SQL is cheaper than sorting every row.</summary>
    private async Task<List<(int Minutes, int Count)>> MinutesToResolveAsync(AppDbContext db, DateTime start, DateTime end, CancellationToken cancellationToken) =>
        (await InPeriod(db, start, end)
            .Where(c => c.Status != ComplaintStatus.Received)
            .GroupBy(c => c.Resolution!.MinutesToResolve + 0)
            .Select(g => new { Minutes = g.Key, Count = g.Count() })
            .OrderBy(x => x.Minutes)
            .ToListAsync(cancellationToken))
        .Select(h => (h.Minutes, h.Count))
        .ToList();

    private List<ParetoRow> ParetoOf(IEnumerable<(string Label, int Count, long Goodwill)> rows, int? totalCount = null, long? totalGoodwill = null)
    {
        var ordered = (ByCost ? rows.OrderByDescending(r => r.Goodwill) : rows.OrderByDescending(r => r.Count)).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        double total = ByCost ? totalGoodwill ?? ordered.Sum(r => r.Goodwill) : totalCount ?? ordered.Sum(r => r.Count);
        double running = 0;
        return ordered.Select(r =>
        {
            running += ByCost ? r.Goodwill : r.Count;
            return new ParetoRow(r.Label, r.Count, r.Goodwill, total == 0 ? 0 : Math.Round(100 * running / total, 1));
        }).ToList();
    }

    private sealed record DayRow(DateOnly Day, int Count, int FirstContact, long Goodwill, int Rated, int ScoreSum);

    private sealed record ProductRow(string Name, int Count, long Goodwill);

    public sealed record WeekRow(string Label, int Count, long GoodwillCents);

    public sealed record ParetoRow(string Label, int Count, long GoodwillCents, double CumulativePercent);

    public sealed record Figures(
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
}
