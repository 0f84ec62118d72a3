using System.Globalization;
using System.Xml.Linq;
using KlantCentraal.Web.Investigations;

namespace KlantCentraal.Web.Tests.Investigations;

/// <summary>Issue 26, finding 17: cause texts were drawn across their bone, and a long effect ran out of its box.</summary>
public class FishboneDrawing
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Every_cause_line_ends_before_its_bone_and_the_effect_stays_inside_its_box()
    {
        var longCause = "Het scharnier van de waterkoker is van te zwak kunststof gemaakt door een nieuwe leverancier";
        var bones = FishboneDiagram.Bones.Select(b => (b.ToString(), (IReadOnlyList<string>)[longCause, "Geen keuring bij ontvangst van de onderdelen", "Kort"])).ToList();

        var svg = XDocument.Parse(FishboneDiagram.Svg("Waterkoker Deluxe WK-200 met lekkend deksel en losse knop", bones, "titel"));

        var lines = svg.Descendants(Svg + "line").Skip(1).Select(l => (X1: Int(l, "x1"), Y1: Int(l, "y1"), X2: Int(l, "x2"), Y2: Int(l, "y2"))).ToList();
        Assert.Equal(6, lines.Count);
        var causes = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("fill") == "#7c2d12").ToList();
        Assert.NotEmpty(causes);
        foreach (var cause in causes)
        {
            var (x, y) = (Int(cause, "x"), Int(cause, "y"));
            var width = cause.Value.Length * 0.6 * FishboneDiagram.CauseSize;
            var (from, to) = (string?)cause.Attribute("text-anchor") == "end" ? (x - width, (double)x) : (x, x + width);
            foreach (var bone in lines.Where(b => Math.Min(b.Y1, b.Y2) <= y - FishboneDiagram.CauseSize && y <= Math.Max(b.Y1, b.Y2)))
            {
                var boneX = bone.X1 + ((double)(bone.X2 - bone.X1) * (y - bone.Y1) / (bone.Y2 - bone.Y1));
                Assert.False(from < boneX && boneX < to, $"'{cause.Value}' ({from:0}–{to:0}) is drawn across the bone at {boneX:0}");
            }

            Assert.True(from >= 0, $"'{cause.Value}' starts left of the picture");
        }

        var box = svg.Descendants(Svg + "rect").Single();
        var (left, top, boxWidth, boxHeight) = (Int(box, "x"), Int(box, "y"), Int(box, "width"), Int(box, "height"));
        foreach (var effect in svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("fill") == "#ffffff"))
        {
            var width = effect.Value.Length * 0.6 * FishboneDiagram.EffectSize;
            Assert.True(width <= boxWidth - 10, $"'{effect.Value}' is wider than its box");
            Assert.InRange(Int(effect, "y"), top + FishboneDiagram.EffectSize, top + boxHeight - 4);
            Assert.Equal(left + (boxWidth / 2), Int(effect, "x"));
        }
    }

    private static int Int(XElement element, string attribute) => int.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
