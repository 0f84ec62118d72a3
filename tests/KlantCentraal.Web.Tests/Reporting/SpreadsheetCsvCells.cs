using KlantCentraal.Web.Reporting;

namespace KlantCentraal.Web.Tests.Reporting;

/// <summary>Text a spreadsheet would run as a formula is written as text (OWASP CSV injection; issue 41/10).</summary>
public class SpreadsheetCsvCells
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+31612345678", "\"'+31612345678\"")]
    [InlineData("-1+1", "\"'-1+1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("  =1+1", "\"'  =1+1\"")]
    [InlineData("＝1+1", "\"'＝1+1\"")]
    [InlineData("＋1", "\"'＋1\"")]
    [InlineData("－1", "\"'－1\"")]
    [InlineData("＠A1", "\"'＠A1\"")]
    [InlineData("Waterkoker", "Waterkoker")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void A_cell_that_would_run_as_a_formula_is_written_as_text(string value, string written) =>
        Assert.Equal(written, SpreadsheetCsv.Cell(value));
}
