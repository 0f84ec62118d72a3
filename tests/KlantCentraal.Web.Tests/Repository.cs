namespace KlantCentraal.Web.Tests;

/// <summary>The checkout the tests run from, for tests that read the sources, docs and scripts themselves.</summary>
internal static class Repository
{
    public static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KlantCentraal.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("KlantCentraal.sln not found above the test folder.");
    }
}
