using Microsoft.AspNetCore.Hosting;

namespace KlantCentraal.Tests;

/// <summary>
/// The settings every test host shares (the web tests' factory and the browser tests' fixture): Development with the
/// demo accounts, its own SQLite file, letters to a pickup folder, quiet logs, and the background workers that would
/// race a test switched off — tests run the queue processor themselves, deterministically.
/// </summary>
public static class TestHostSettings
{
    public static IWebHostBuilder UseTestSettings(this IWebHostBuilder builder, string databasePath, string mailFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Sqlite", $"Data Source={databasePath}")
            .UseSetting("Database:Provider", "Sqlite")
            .UseSetting("RootCauseQueue:WorkerEnabled", "false")
            .UseSetting("Privacy:JobEnabled", "false")
            .UseSetting("PromiseWatch:WorkerEnabled", "false")
            .UseSetting("Webhooks:WorkerEnabled", "false")
            .UseSetting("Reports:WorkerEnabled", "false")
            .UseSetting("Seed:DemoComplaints", "false")
            .UseSetting("Serilog:MinimumLevel:Default", "Warning")
            .UseSetting("Mail:PickupDirectory", mailFolder);
    }
}
