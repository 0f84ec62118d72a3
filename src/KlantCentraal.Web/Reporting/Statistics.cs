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
}
