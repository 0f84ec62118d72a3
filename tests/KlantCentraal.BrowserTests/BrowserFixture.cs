using KlantCentraal.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>
/// The app on a real Kestrel port over its own SQLite file, and Debian's Chromium driven by Playwright.
/// Chromium comes from the system (tests/test.sh installs it); Playwright never downloads a browser.
/// </summary>
public class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-browser", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// No inotify watchers: a test run starts hundreds of hosts, and each would hold inotify instances (128 per user)
    /// for its appsettings and for wwwroot (asp-append-version) until the next host fails with a 500. Settings are
    /// not reloaded, and file providers poll instead.
    /// </summary>
    static BrowserFixture()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where the app's letters land as .eml files.</summary>
    public string MailPickup => Path.Combine(_folder, "mail");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestSettings(Path.Combine(_folder, "browser.db"), Path.Combine(_folder, "mail"));
        ConfigureMore(builder);
    }

    /// <summary>Settings a fixture for one journey adds (such as the mailbox).</summary>
    protected virtual void ConfigureMore(IWebHostBuilder builder)
    {
    }

    /// <summary>How long any one wait of a page or an assertion may take before it counts as a hang.</summary>
    public const int HangAfterMilliseconds = 120_000;

    public virtual async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(HangAfterMilliseconds);
        UseKestrel(0);
        StartServer();
        BaseUrl = AddressOf(this);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>The loopback address a started app listens on.</summary>
    protected static string AddressOf(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

    /// <summary>A fresh browser context: its own cookies, like a different person at a different device.</summary>
    /// <summary>A new page, signed in with the demo password as <paramref name="email"/>, once it has landed on <paramref name="landsOn"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string email, System.Text.RegularExpressions.Regex landsOn, int width = 1280, string? baseUrl = null)
    {
        var page = await NewPageAsync(width, baseUrl: baseUrl);
        await SignInAsync(page, email, landsOn);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in as a person does: the sign-in form, the demo password, Enter; returns once it landed on <paramref name="landsOn"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, System.Text.RegularExpressions.Regex landsOn)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync("KlantCentraal-demo-2026");
        await page.GetByLabel("Wachtwoord").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(landsOn);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "nl-NL",
        });
        // Playwright's waits end when the page does what is awaited; these limits only call a hang a hang, and are
        // long enough that a busy machine (load 30 on two cores) never reaches them by being slow (issue 41).
        context.SetDefaultTimeout(HangAfterMilliseconds);
        return await context.NewPageAsync();
    }

    public new virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up; no test depends on it.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
