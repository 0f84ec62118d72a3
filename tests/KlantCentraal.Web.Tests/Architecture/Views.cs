using System.Text.RegularExpressions;

namespace KlantCentraal.Web.Tests.Architecture;

/// <summary>#16 item 8: views link to pages through the routing (asp-page), so a moved page cannot leave a dead link behind.</summary>
public partial class Views
{
    [GeneratedRegex("href=\"(/[^\"]*)\"")]
    private static partial Regex HandWrittenLink();

    [Fact]
    public void Link_to_pages_with_asp_page_and_write_no_app_address_by_hand()
    {
        var pages = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web", "Pages");

        var handWritten = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => HandWrittenLink().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Groups[1].Value}"))
            // Endpoints that are not pages: the language switch and the API description.
            .Where(link => !link.Contains(": /culture/", StringComparison.Ordinal) && !link.EndsWith(": /api/docs", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(handWritten);
    }

    [Fact]
    public void Take_no_rule_from_the_clock_themselves()
    {
        var pages = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web", "Pages");

        var clocks = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("DateTime.Today", StringComparison.Ordinal) || text.Contains("DateTime.Now", StringComparison.Ordinal) || text.Contains("DateTime.UtcNow", StringComparison.Ordinal)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(clocks);
    }
}
