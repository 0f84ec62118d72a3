using System.Globalization;
using System.Text;
using System.Text.Json;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// What complaints cost and where they come from, for a period. Every figure is aggregated by the database
/// (GROUP BY, COUNT, SUM, ORDER BY with OFFSET for the median); only the daily counts are folded into weeks here.
/// </summary>
public sealed class DashboardModel(AppDbContext db, Formats formats, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int TopProducts = 10;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Pareto by "count" (default) or by goodwill "cost".</summary>
    [BindProperty(SupportsGet = true)]
    public string By { get; set; } = "count";

    public Figures? Result { get; private set; }

    public bool ByCost => By == "cost";

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await ComputeAsync(cancellationToken);

    /// <summary>Every table of the dashboard as CSV (semicolon-separated, UTF-8), as Dutch spreadsheets expect.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken cancellationToken)
    {
        var f = await ComputeAsync(cancellationToken);
        var csv = new StringBuilder();
        void Row(params object?[] cells) => csv.AppendLine(string.Join(';', cells.Select(Cell)));
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

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"klantcentraal-{table}-{f.From:yyyy-MM-dd}-{f.To:yyyy-MM-dd}.csv");
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
        var to = To ?? today;
        var from = From ?? to.AddDays(-89);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        From = from;
        To = to;
        var start = formats.StartOfDayUtc(from);
        var end = formats.StartOfDayUtc(to.AddDays(1));
        // One flat row per complaint: EF cannot aggregate over owned types inside GROUP BY, but can over a projection.
        var inPeriod = db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => new
            {
                c.CustomerId,
                c.ProductKey,
                c.ProductName,
                Day = c.ReceivedAt.Date,
                Resolved = c.Status != ComplaintStatus.Received,
                FirstContact = c.Resolution!.FirstContact,
                Amount = c.Resolution.AmountCents ?? 0,
                Minutes = c.Resolution.MinutesToResolve,
                c.SatisfactionScore,
                Cause = c.Investigation!.CauseCategory,
            });

        var totals = await inPeriod
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                FirstContact = g.Count(c => c.FirstContact),
                Resolved = g.Count(c => c.Resolved),
                Goodwill = g.Sum(c => c.Amount),
                Rated = g.Count(c => c.SatisfactionScore != null),
                ScoreSum = g.Sum(c => c.SatisfactionScore ?? 0),
            })
            .FirstOrDefaultAsync(cancellationToken);

        var days = await inPeriod
            .GroupBy(c => c.Day)
            .Select(g => new { Day = g.Key, Count = g.Count(), Goodwill = g.Sum(c => c.Amount) })
            .ToListAsync(cancellationToken);
        var weeks = days
            .GroupBy(d => (ISOWeek.GetYear(d.Day), ISOWeek.GetWeekOfYear(d.Day)))
            .OrderBy(g => g.Key)
            .Select(g => new WeekRow($"{g.Key.Item1}-W{g.Key.Item2:D2}", g.Sum(d => d.Count), g.Sum(d => d.Goodwill)))
            .ToList();

        var causes = await inPeriod
            .GroupBy(c => c.Cause)
            .Select(g => new { Cause = g.Key, Count = g.Count(), Goodwill = g.Sum(c => c.Amount) })
            .ToListAsync(cancellationToken);
        var products = await (ByCost
                ? inPeriod.GroupBy(c => c.ProductKey).OrderByDescending(g => g.Sum(c => c.Amount))
                : inPeriod.GroupBy(c => c.ProductKey).OrderByDescending(g => g.Count()))
            .Select(g => new { Name = g.Max(c => c.ProductName), Count = g.Count(), Goodwill = g.Sum(c => c.Amount) })
            .Take(TopProducts)
            .ToListAsync(cancellationToken);

        var resolved = totals?.Resolved ?? 0;
        double? median = null;
        if (resolved > 0)
        {
            var middle = await inPeriod
                .Where(c => c.Resolved)
                .OrderBy(c => c.Minutes)
                .Select(c => c.Minutes)
                .Skip((resolved - 1) / 2)
                .Take(2 - (resolved % 2))
                .ToListAsync(cancellationToken);
            median = middle.Average();
        }

        var openInvestigations = await db.Investigations.CountAsync(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress, cancellationToken);
        var overdueInvestigations = await db.Investigations.CountAsync(i => (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress) && i.DueDate < today, cancellationToken);
        var repeatCustomers = await inPeriod.GroupBy(c => c.CustomerId).Where(g => g.Count() > 1).CountAsync(cancellationToken);
        var repeatProducts = await inPeriod.GroupBy(c => c.ProductKey).Where(g => g.Count() > 1).CountAsync(cancellationToken);

        var count = totals?.Count ?? 0;
        return new Figures(
            from,
            to,
            count,
            count == 0 ? null : Math.Round(100.0 * totals!.FirstContact / count, 1),
            totals?.Goodwill ?? 0,
            totals is { Rated: > 0 } ? Math.Round((double)totals.ScoreSum / totals.Rated, 2) : null,
            totals?.Rated ?? 0,
            median,
            openInvestigations,
            overdueInvestigations,
            repeatCustomers,
            repeatProducts,
            weeks,
            ParetoOf(causes.Select(c => (c.Cause is { } cause ? formats.Label(cause) : t["Nog onbekend"].Value, c.Count, c.Goodwill))),
            ParetoOf(products.Select(p => (p.Name ?? string.Empty, p.Count, p.Goodwill)), totalCount: count, totalGoodwill: totals?.Goodwill ?? 0));
    }

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

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        string s when s.IndexOfAny([';', '"', '\n', '\r']) >= 0 || s.StartsWith('=') || s.StartsWith('+') || s.StartsWith('-') || s.StartsWith('@')
            => "\"" + (s.StartsWith('=') || s.StartsWith('+') || s.StartsWith('-') || s.StartsWith('@') ? "'" : string.Empty) + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? string.Empty,
    };

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
        IReadOnlyList<ParetoRow> Products);
}
