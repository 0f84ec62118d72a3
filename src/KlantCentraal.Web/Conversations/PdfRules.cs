using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// Which PDFs the desk may open: one that starts and ends like a PDF, with no HTML a browser could run if it ever
/// sniffed it, and none of the parts that make a PDF act on its own (issue 26, finding 11): JavaScript (also behind an
/// /OpenAction or /AA), /Launch, embedded files, rich media or form data import. Names are compared after their
/// #xx escapes are undone (/J#61vaScript is /JavaScript), and inside compressed (Flate) streams as well, where object
/// streams hide dictionaries; a stream that inflates to more than the limit is refused as a bomb.
/// </summary>
public static partial class PdfRules
{
    /// <summary>Inflated bytes looked at per file, at most; a file that inflates to more is refused.</summary>
    public const int MaxInflatedBytes = 32 * 1024 * 1024;

    [GeneratedRegex(@"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|ImportData)(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex ActiveName();

    [GeneratedRegex("#([0-9A-Fa-f]{2})", RegexOptions.CultureInvariant)]
    private static partial Regex NameEscape();

    [GeneratedRegex(@"stream\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex StreamStart();

    public static bool IsPlain(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tail = Encoding.Latin1.GetString(content, Math.Max(0, content.Length - 1024), Math.Min(1024, content.Length));
        if (!tail.Contains("%%EOF", StringComparison.Ordinal))
        {
            return false;
        }

        var text = Encoding.Latin1.GetString(content);
        if (IsActive(text))
        {
            return false;
        }

        var inflated = 0L;
        foreach (Match start in StreamStart().Matches(text))
        {
            var from = start.Index + start.Length;
            var end = text.IndexOf("endstream", from, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var (inner, size) = Inflate(content.AsSpan(from, end - from), MaxInflatedBytes - inflated);
            inflated += size;
            if (inflated >= MaxInflatedBytes || (inner is not null && IsActive(inner)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsActive(string text)
    {
        if (text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<script", StringComparison.OrdinalIgnoreCase) || text.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var names = text.Contains('#', StringComparison.Ordinal)
            ? NameEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())
            : text;
        return ActiveName().IsMatch(names);
    }

    /// <summary>The stream's text when it is Flate (zlib) data, with its inflated size; null when it is something else (an image).</summary>
    private static (string? Text, long Size) Inflate(ReadOnlySpan<byte> data, long budget)
    {
        if (data.Length < 2 || data[0] != 0x78)
        {
            return (null, 0);
        }

        try
        {
            using var input = new MemoryStream(data.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length >= budget)
                {
                    return (null, output.Length);
                }
            }

            return (Encoding.Latin1.GetString(output.GetBuffer(), 0, (int)output.Length), output.Length);
        }
        catch (InvalidDataException)
        {
            return (null, 0);
        }
    }
}
