using KlantCentraal.Tests;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;

namespace KlantCentraal.Web.Tests;

/// <summary>
/// The whole app over a real SQLite file of its own, migrated at start-up like production.
/// The background worker is off so tests run the queue processor themselves, deterministically.
/// </summary>
public class KlantCentraalFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly string? _databasePath;

    /// <summary>
    /// No inotify watchers: a test run starts hundreds of hosts, and each would hold inotify instances (128 per user)
    /// for its appsettings and for wwwroot (asp-append-version) until the next host fails with a 500. Settings are
    /// not reloaded, and file providers poll instead.
    /// </summary>
    static KlantCentraalFactory()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public KlantCentraalFactory()
        : this(null)
    {
    }

    private KlantCentraalFactory(string? databasePath)
    {
        _databasePath = databasePath;
        _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>A factory over an existing database file, for example one another process wrote.</summary>
    public static KlantCentraalFactory ForDatabase(string databasePath) => new(databasePath);

    /// <summary>The public address the Production-environment tests configure (links in e-mails start with it).</summary>
    public const string PublicBaseUrl = "https://klachten.example.nl/";

    public const string ProductionAdmin = "it@example.nl";

    public const string ProductionAdminPassword = "Een-lang-wachtwoord-2026";

    /// <summary>The same database in the Production environment, with its required settings and a first administrator.</summary>
    public WebApplicationFactory<Program> InProduction(Action<IWebHostBuilder>? configure = null) => WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production")
            .UseSetting("Organisation:PublicBaseUrl", PublicBaseUrl)
            .UseSetting("Bootstrap:AdminEmail", ProductionAdmin)
            .UseSetting("Bootstrap:AdminPassword", ProductionAdminPassword)
            .UseSetting("Mail:Delivery", "Pickup");
        configure?.Invoke(b);
    });

    public string DatabasePath => _databasePath ?? Path.Combine(_folder, "test.db");

    /// <summary>Where the confirmation e-mails land as .eml files.</summary>
    public string MailPickup => Path.Combine(_folder, "mail");

    /// <summary>Every warning and error the app logged (Serilog reads sinks from the services).</summary>
    public LoggedEvents Logged { get; } = new();

    /// <summary>
    /// Clients of the in-memory server wait for the answer, however busy the machine (issue 32: the 10,000-store
    /// import hit HttpClient's 100-second default on a loaded machine): a test waits for a condition, not a clock.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestSettings(DatabasePath, MailPickup);
        builder.UseSetting("MailOutbox:WorkerEnabled", "false");
        // Imports run when a test says so (RunImportAsync), so it sees the queued job first.
        builder.UseSetting("Imports:WorkerEnabled", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logged);
            // Hundreds of sign-ins per run: a cheaper hash in tests (production keeps Identity's 100,000 iterations).
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
        builder.ConfigureAppConfiguration((context, _) =>
        {
            // A new database starts as a copy of one migrated and seeded once per test run: the same file a first
            // start would make, without running every migration and hashing the demo passwords again.
            if (_databasePath is null && context.HostingEnvironment.IsDevelopment() && !File.Exists(DatabasePath))
            {
                TemplateDatabase.CopyTo(DatabasePath);
            }
        });
    }

    /// <summary>The same app with the public forms' rate limits out of the way, for tests that post hundreds of times.</summary>
    public WebApplicationFactory<Program> WithoutRateLimits() => WithWebHostBuilder(b => b
        .UseSetting("RateLimits:LookupsPerClientPerMinute", "100000")
        .UseSetting("RateLimits:LookupsPerCodePerHour", "100000")
        .UseSetting("RateLimits:ComplaintsPerClientPerHour", "100000"));

    /// <summary>The same app and database on a clock the test sets (a <c>FakeTimeProvider</c>): every service that asks for the time asks it.</summary>
    public WebApplicationFactory<Program> WithClock(TimeProvider clock) =>
        WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(clock)));

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Follows an import's confirmation to its progress page, checks it shows the job queued, runs the import worker's
    /// round (the tests' app runs none of its own) and returns the progress page once the import has ended.
    /// </summary>
    public async Task<string> RunImportAsync(HttpClient admin, HttpResponseMessage confirmed)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(confirmed);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, confirmed.StatusCode);
        var page = confirmed.Location();
        Assert.StartsWith("/Admin/Import/", page, StringComparison.Ordinal);
        Assert.Contains("data-finished=\"false\"", await admin.GetHtmlAsync(page), StringComparison.Ordinal);
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Imports.ImportJobs>().RunPendingAsync(CancellationToken.None);
        }

        var done = System.Net.WebUtility.HtmlDecode(await admin.GetHtmlAsync(page));
        Assert.Contains("data-finished=\"true\"", done, StringComparison.Ordinal);
        return done;
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext of its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is removed with the temp folder later; the test result does not depend on it.
        }
    }
}

/// <summary>
/// The database a Development start makes (migrated, demo accounts and stores), built once per test run by a
/// factory of its own and copied with SQLite's backup API for every new factory.
/// </summary>
internal static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock Copying = new();

    public static void CopyTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // One copy at a time: eight test classes start at once, and SQLite answers concurrent backups from one file
        // with "database is locked" now and then.
        lock (Copying)
        {
            using var source = new SqliteConnection($"Data Source={Template.Value};Mode=ReadOnly;Pooling=False");
            using var target = new SqliteConnection($"Data Source={path};Pooling=False");
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
    }

    private static string Build()
    {
        var path = Path.Combine(Path.GetTempPath(), "klantcentraal-tests", $"template-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var factory = KlantCentraalFactory.ForDatabase(path))
        {
            _ = factory.Services; // starting the app migrates and seeds the file
        }

        // Every app makes its own Data Protection keys, as on a first start (and encrypted when a test configures that).
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var keys = connection.CreateCommand();
            // No write-ahead log for the template: copies read one plain file (each copy switches WAL on again at start).
            keys.CommandText = "DELETE FROM DataProtectionKeys; PRAGMA journal_mode=DELETE;";
            keys.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        };
        return path;
    }
}
