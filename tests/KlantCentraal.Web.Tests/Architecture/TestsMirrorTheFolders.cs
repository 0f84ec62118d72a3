namespace KlantCentraal.Web.Tests.Architecture;

/// <summary>
/// Issue 42, docs that are true: docs/architecture.md says the web tests mirror the folders of src/KlantCentraal.Web;
/// every code folder has a test folder of the same name (pages are tried in Desk/, Track/, Admin/ and the rest).
/// </summary>
public class TestsMirrorTheFolders
{
    private static readonly HashSet<string> NotCode = ["Pages", "Properties", "Resources", "wwwroot", "bin", "obj"];

    [Fact]
    public void Every_folder_of_the_web_project_has_a_test_folder_of_its_name()
    {
        var web = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web");
        var tests = Path.Combine(Repository.Root(), "tests", "KlantCentraal.Web.Tests");

        var missing = Directory.GetDirectories(web).Select(Path.GetFileName).OfType<string>()
            .Where(folder => !NotCode.Contains(folder) && !Directory.Exists(Path.Combine(tests, folder)))
            .Order()
            .ToList();

        Assert.Empty(missing);
    }
}
