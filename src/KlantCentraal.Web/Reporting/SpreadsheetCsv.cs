using System.Globalization;
using System.Text;

namespace KlantCentraal.Web.Reporting;

/// <summary>
/// CSV as Dutch spreadsheets open it: semicolons, UTF-8 with a byte order mark, numbers in the reader's culture,
/// and text that a spreadsheet would run as a formula quoted with a leading apostrophe: one that starts — after any
/// spaces — with =, +, -, @, their full-width forms ＝ ＋ － ＠, a tab or a carriage return (OWASP's CSV injection).
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

    /// <summary>
    /// Streams rows as CSV to the response as they come from the database: memory stays flat for any number of rows.
    /// </summary>
    public static async Task StreamAsync<T>(HttpResponse response, string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, object?[]> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cells);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, DispositionType = "attachment" }.ToString();
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(string.Join(';', header.Select(Cell)).AsMemory(), cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(';', cells(row).Select(Cell)).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static bool IsFormula(string s) =>
        s.Length > 0 && (s[0] is '\t' or '\r' || s.TrimStart(' ') is { Length: > 0 } t && t[0] is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠');
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
