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
    private const int HeadWidth = 180;
    private const int FirstBoneX = 190;
    private const int BoneSpacing = 210;
    private const int BoneRun = 110;

    /// <summary>Characters per line: at these sizes a line stays narrower than the room it has (about 0.6 em a character).</summary>
    public const int EffectChars = 20;
    public const int EffectSize = 13;
    public const int CauseChars = 24;
    public const int CauseSize = 12;

    /// <summary>Where the bone that starts at (<paramref name="endX"/>, <paramref name="tipY"/>) crosses height <paramref name="y"/>.</summary>
    public static int BoneXAt(int endX, int tipY, int y) => endX + (BoneRun * (y - tipY) / (SpineY - tipY));

    public static string Svg(string effect, IReadOnlyList<(string Bone, IReadOnlyList<string> Causes)> bones, string title)
    {
        ArgumentNullException.ThrowIfNull(bones);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" class=\"fishbone\" role=\"img\" aria-labelledby=\"fishbone-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"fishbone-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"20\" y1=\"{SpineY}\" x2=\"{HeadX}\" y2=\"{SpineY}\" stroke=\"#1f2937\" stroke-width=\"4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{HeadX}\" y=\"{SpineY - 45}\" width=\"{HeadWidth}\" height=\"90\" rx=\"8\" fill=\"#0b5cad\"/>");
        // The effect inside its box: short lines of a size that fits, centred on the spine.
        var effectLines = Wrap(effect ?? string.Empty, EffectChars, 4);
        AppendLines(svg, effectLines, HeadX + (HeadWidth / 2), SpineY + 5 - ((effectLines.Count - 1) * (EffectSize + 4) / 2), "#ffffff", "middle", EffectSize, bold: true);
        for (var i = 0; i < bones.Count && i < 6; i++)
        {
            var above = i < 3;
            var column = i % 3;
            var endX = FirstBoneX + (column * BoneSpacing);
            var startX = endX + BoneRun;
            var tipY = above ? 40 : Height - 40;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{endX}\" y1=\"{tipY}\" x2=\"{startX}\" y2=\"{SpineY}\" stroke=\"#1f2937\" stroke-width=\"2\"/>");
            var (bone, causes) = bones[i];
            AppendLines(svg, [bone], endX, above ? tipY - 12 : tipY + 24, "#111827", "middle", 16, bold: true);

            // The causes hang left of their bone, each line ending just before the bone at its height, never across it.
            var lines = causes.SelectMany(c => Wrap("• " + c, CauseChars, 2)).Take(5).ToList();
            for (var l = 0; l < lines.Count; l++)
            {
                var y = above ? tipY + 28 + (l * (CauseSize + 5)) : SpineY + 30 + (l * (CauseSize + 5));
                var boneX = BoneXAt(endX, tipY, y);
                AppendLines(svg, [lines[l]], boneX - 8, y, causes.Count > 0 ? "#7c2d12" : "#6b7280", "end", CauseSize, bold: false);
            }
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
