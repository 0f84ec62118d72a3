using KlantCentraal.Web.Reporting;

namespace KlantCentraal.Web.Tests.Reporting;

/// <summary>#16 item 7: the dashboard's Pareto, pure and on its own.</summary>
public class ParetoRows
{
    private static readonly (string Label, int Count, long Goodwill)[] Causes =
    [
        ("Machine", 2, 10_000),
        ("Materiaal", 5, 1_000),
        ("Mens", 3, 3_000),
    ];

    [Fact]
    public void Are_ordered_by_count_with_the_cumulative_share_of_the_total()
    {
        var rows = Statistics.Pareto(Causes, ParetoBy.Count);

        Assert.Equal(["Materiaal", "Mens", "Machine"], rows.Select(r => r.Label));
        Assert.Equal([50.0, 80.0, 100.0], rows.Select(r => r.CumulativePercent));
    }

    [Fact]
    public void Are_ordered_by_goodwill_when_asked_for_cost()
    {
        var rows = Statistics.Pareto(Causes, ParetoBy.Cost);

        Assert.Equal(["Machine", "Mens", "Materiaal"], rows.Select(r => r.Label));
        Assert.Equal([71.4, 92.9, 100.0], rows.Select(r => r.CumulativePercent));
    }

    [Fact]
    public void Share_a_larger_total_when_they_are_the_top_of_a_longer_list()
    {
        var rows = Statistics.Pareto(Causes, ParetoBy.Count, totalCount: 20);

        Assert.Equal(50.0, rows[^1].CumulativePercent);
    }

    [Fact]
    public void Break_ties_by_label_and_survive_an_empty_total()
    {
        var rows = Statistics.Pareto([("B", 0, 0), ("A", 0, 0)], ParetoBy.Count);

        Assert.Equal(["A", "B"], rows.Select(r => r.Label));
        Assert.All(rows, r => Assert.Equal(0, r.CumulativePercent));
    }
}
