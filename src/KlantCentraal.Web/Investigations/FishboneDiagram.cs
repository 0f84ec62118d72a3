using System.Globalization;
using System.Net;
using System.Text;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Investigations;

/// <summary>
/// An Ishikawa (fishbone) diagram as SVG, drawn on the server so it prints and needs no script: the effect at the
/// head, the six M's as bones (three above, three below), and on each bone the causes entered for it. Every text is
/// HTML-encoded; the page adds a text alternative next to it.
/// </summary>
public static class FishboneDiagram
{
    private const int Width = 960;
    private const int Height = 420;
    private const int SpineY = Height / 2;
    private const int HeadX = Width - 190;

    public static string Svg(string effect, IReadOnlyList<(string Bone, IReadOnlyList<string> Causes)> bones, string title)
    {
        ArgumentNullException.ThrowIfNull(bones);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" class=\"fishbone\" role=\"img\" aria-labelledby=\"fishbone-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"fishbone-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"20\" y1=\"{SpineY}\" x2=\"{HeadX}\" y2=\"{SpineY}\" stroke=\"#1f2937\" stroke-width=\"4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{HeadX}\" y=\"{SpineY - 45}\" width=\"180\" height=\"90\" rx=\"8\" fill=\"#0b5cad\"/>");
        AppendLines(svg, Wrap(effect, 22, 4), HeadX + 90, SpineY - 22, "#ffffff", "middle", 15, bold: true);
        for (var i = 0; i < bones.Count && i < 6; i++)
        {
            var above = i < 3;
            var column = i % 3;
            var endX = 140 + (column * 220);
            var startX = endX + 110;
            var tipY = above ? 40 : Height - 40;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{endX}\" y1=\"{tipY}\" x2=\"{startX}\" y2=\"{SpineY}\" stroke=\"#1f2937\" stroke-width=\"2\"/>");
            var (bone, causes) = bones[i];
            AppendLines(svg, [bone], endX, above ? tipY - 12 : tipY + 24, "#111827", "middle", 16, bold: true);
            var lines = causes.SelectMany(c => Wrap("• " + c, 28, 2)).Take(5).ToList();
            var firstY = above ? tipY + 28 : SpineY + 30;
            AppendLines(svg, lines, endX - 60, firstY, causes.Count > 0 ? "#7c2d12" : "#6b7280", "start", 13, bold: false);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendLines(StringBuilder svg, List<string> lines, int x, int y, string colour, string anchor, int size, bool bold)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + (i * (size + 4))}\" fill=\"{colour}\" font-size=\"{size}\" text-anchor=\"{anchor}\" font-family=\"system-ui, sans-serif\"{(bold ? " font-weight=\"700\"" : string.Empty)}>{Encode(lines[i])}</text>");
        }
    }

    /// <summary>Breaks text into lines of at most <paramref name="width"/> characters, at most <paramref name="max"/> lines.</summary>
    private static List<string> Wrap(string text, int width, int max)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word.Length > width ? word[..width] : word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        if (lines.Count > max)
        {
            lines = lines.Take(max).ToList();
            lines[^1] = lines[^1].TrimEnd('.') + "…";
        }

        return lines;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The six M's in the order the diagram draws them.</summary>
    public static readonly IReadOnlyList<CauseCategory> Bones =
        [CauseCategory.People, CauseCategory.Process, CauseCategory.Equipment, CauseCategory.Materials, CauseCategory.Measurement, CauseCategory.Environment];
}
