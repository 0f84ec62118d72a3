using System.Globalization;
using System.Text;

namespace KlantCentraal.Web.Reporting;

/// <summary>
/// CSV as Dutch spreadsheets open it: semicolons, UTF-8 with a byte order mark, numbers in the reader's culture,
/// and text that a spreadsheet would run as a formula (=, +, -, @) quoted with a leading apostrophe.
/// </summary>
public sealed class SpreadsheetCsv
{
    private readonly StringBuilder _text = new();

    public void Row(params object?[] cells) => _text.AppendLine(string.Join(';', cells.Select(Cell)));

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        string s when s.IndexOfAny([';', '"', '\n', '\r']) >= 0 || IsFormula(s)
            => "\"" + (IsFormula(s) ? "'" : string.Empty) + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool IsFormula(string s) => s.StartsWith('=') || s.StartsWith('+') || s.StartsWith('-') || s.StartsWith('@');
}

/// <summary>A report's period: the last 90 days up to today unless asked otherwise, always in order.</summary>
public static class ReportPeriod
{
    public static (DateOnly From, DateOnly To) Of(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var end = to ?? today;
        var start = from ?? end.AddDays(-89);
        return start > end ? (end, start) : (start, end);
    }
}
