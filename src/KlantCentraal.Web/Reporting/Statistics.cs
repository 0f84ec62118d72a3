namespace KlantCentraal.Web.Reporting;

/// <summary>Pure statistics of the dashboard, unit tested on their own.</summary>
public static class Statistics
{
    /// <summary>The median of values given as (value, how often), sorted by value; null when there are none.</summary>
    public static double? Median(IReadOnlyList<(int Value, int Count)> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Sum(h => h.Count);
        if (total == 0)
        {
            return null;
        }

        int ValueAt(int index)
        {
            var seen = 0;
            foreach (var (value, count) in histogram)
            {
                seen += count;
                if (index < seen)
                {
                    return value;
                }
            }

            return histogram[^1].Value;
        }

        return total % 2 == 1 ? ValueAt(total / 2) : (ValueAt((total / 2) - 1) + ValueAt(total / 2)) / 2.0;
    }

    /// <summary>
    /// Pareto rows: largest first (by count or by goodwill, then by label), each with the cumulative share of the
    /// total. The total is the rows' own sum unless given (the top ten of products share the whole period's total).
    /// </summary>
    public static IReadOnlyList<ParetoRow> Pareto(IEnumerable<(string Label, int Count, long Goodwill)> rows, ParetoBy by, int? totalCount = null, long? totalGoodwill = null)
    {
        var byCost = by == ParetoBy.Cost;
        var ordered = (byCost ? rows.OrderByDescending(r => r.Goodwill) : rows.OrderByDescending(r => r.Count)).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        double total = byCost ? totalGoodwill ?? ordered.Sum(r => r.Goodwill) : totalCount ?? ordered.Sum(r => r.Count);
        double running = 0;
        return ordered.Select(r =>
        {
            running += byCost ? r.Goodwill : r.Count;
            return new ParetoRow(r.Label, r.Count, r.Goodwill, total == 0 ? 0 : Math.Round(100 * running / total, 1));
        }).ToList();
    }
}
