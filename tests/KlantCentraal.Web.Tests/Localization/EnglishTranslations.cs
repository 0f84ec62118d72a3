using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace KlantCentraal.Web.Tests.Localization;

public partial class EnglishTranslations
{
    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LocalizedText();

    /// <summary>Labels chosen by a switch inside the localizer: <c>t[kind switch { Kind.A => "Dutch", … }]</c>.</summary>
    [GeneratedRegex("""\b[Tt]\[\w+ switch\s*\{(.*?)\}\]""", RegexOptions.Singleline)]
    private static partial Regex LocalizedSwitch();

    [GeneratedRegex("""=> "((?:[^"\\]|\\.)*)(?=")""")]
    private static partial Regex SwitchArm();

    [Fact]
    public void Exist_for_every_dutch_text_the_screens_use()
    {
        var web = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web");
        var keys = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .SelectMany(text => LocalizedText().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(LocalizedSwitch().Matches(text).SelectMany(block => SwitchArm().Matches(block.Groups[1].Value).Select(arm => arm.Groups[1].Value))))
            .Select(Regex.Unescape)
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(keys).Order());
    }

    [Fact]
    public void Never_differ_only_in_capitals_because_the_resource_compiler_drops_one_of_them()
    {
        var names = XDocument.Load(Path.Combine(Repository.Root(), "src", "KlantCentraal.Web", "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        Assert.Empty(names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)));
    }
}
