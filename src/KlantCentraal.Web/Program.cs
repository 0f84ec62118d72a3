using System.Globalization;
using System.Text.Json.Serialization;
using KlantCentraal.Web.Api;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Payouts;
using KlantCentraal.Web.Imports;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Privacy;
using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Security;
using KlantCentraal.Web.Settings;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Serilog;

// `health [URL]`: the container's health check, answered before anything else starts (Hosting/HealthProbe.cs).
if (args is ["health", ..])
{
    Environment.ExitCode = await HealthProbe.RunAsync(args.Length > 1 ? args[1] : null, CancellationToken.None);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// `backup FILE`: a consistent copy of the running app's SQLite database (Data/Backups.cs), then exit.
if (args is ["backup", var backupFile])
{
    Environment.ExitCode = await Backups.RunCommandAsync(builder.Configuration, builder.Environment, backupFile, Console.Out, CancellationToken.None);
    return;
}

// Logging: Serilog, configured once from configuration (no static bootstrap logger: it breaks WebApplicationFactory, serilog-aspnetcore issues 251 and 289). The static
// Log.Logger is left alone: otherwise every host in a process (the tests start many) would make it its own, the
// framework's loggers would write to whichever host set it last, and a host shutting down would silence the rest.
// The console gets every line with its date and the request's trace id, or JSON with Logging:Format=json (ADR 0033).
builder.Services.AddSerilog(
    (services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext()
        .WriteTo.AppConsole(builder.Configuration),
    preserveStaticLogger: true);

// Every setting checked before anything starts: one line per problem, all at once (Hosting/SettingsCheck.cs).
SettingsCheck.StopOnProblems(builder.Configuration, builder.Environment);
builder.Services.AddSettings(builder.Configuration, builder.Environment);

// Persistence: SQLite by default, SQL Server by configuration; Data Protection keys in the database.
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
builder.Services.AddDataProtection().SetApplicationName("KlantCentraal").PersistKeysToDbContext<AppDbContext>().ProtectKeysWhenConfigured(builder.Configuration);
// The database check asks the pooled context one trivial query: EF's default (CanConnect) opens a separate connection
// on SQLite and cost a quarter of /health's CPU (docs/performance.md).
// Each readiness check answers within 1.5 s (/health/ready; Hosting/Health.cs).
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>(
    "database",
    customTestQuery: async (db, ct) =>
    {
        await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        return true;
    }).AddCheck<InboundMailHealthCheck>("mailbox");
builder.Services.PostConfigure<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>(o =>
{
    foreach (var check in o.Registrations)
    {
        check.Timeout = check.Timeout == Timeout.InfiniteTimeSpan ? SharedRedisServices.HealthTimeout : check.Timeout;
    }
});

builder.Services.AddStaffIdentity(builder.Configuration, builder.Environment);
builder.Services.AddSingleSignOn(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddApi();
builder.Services.AddScreens();

// Several instances share rate limits and live updates through Redis when ConnectionStrings:Redis is set.
var redis = SharedRedis.From(builder.Configuration);
builder.Services.AddSharedRedis(redis);

// Public forms are rate limited per client; lookups also per tracking code.
builder.Services.AddPublicRateLimits(builder.Configuration, redis);
// Forwarded headers (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true) are trusted only from the configured proxies.
builder.Services.AddTrustedProxies(builder.Configuration);
if (Https.Required(builder.Configuration, builder.Environment))
{
    builder.Services.AddHsts(options =>
    {
        options.MaxAge = TimeSpan.FromDays(365);
        options.IncludeSubDomains = true;
    });
    builder.Services.AddHttpsRedirection(options => options.HttpsPort = builder.Configuration.GetValue("HttpsPort", 443));
}

builder.Services.AddAuditLog();
builder.Services.AddOrganisation(builder.Configuration);
builder.Services.AddComplaints();
builder.Services.AddCustomers();
builder.Services.AddStores();
builder.Services.AddInvestigations(builder.Configuration);
builder.Services.AddCustomerMail(builder.Configuration);
builder.Services.AddConversations(builder.Configuration, redis);
builder.Services.AddRetention(builder.Configuration);
builder.Services.AddPayouts();
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddImports(builder.Configuration);
builder.Services.AddReporting(builder.Configuration);
builder.Services.AddBackups(builder.Configuration, builder.Environment);
builder.Services.AddTelemetry(builder.Configuration);

var app = builder.Build();
app.Services.GetService<SharedRedis>(); // made before the container: from here on its outage warnings reach the app's log
app.Logger.LogInformation("KlantCentraal configured: {Summary}", SettingsCheck.Summary(app.Configuration, app.Environment));

await StartupSeeder.RunAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<SettingsStore>().RefreshAsync(app.Lifetime.ApplicationStopping);
await using (var scope = app.Services.CreateAsyncScope())
{
    // Once: complaints that arrived before promises were stored get theirs by the one rule (issue 28).
    await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Organisation.Deadlines>().PromiseEarlierComplaintsAsync(app.Lifetime.ApplicationStopping);
}

// `seed-volume N` fills the SQLite database with N generated complaints for benchmarks, then exits.
if (args.Length >= 2 && args[0] == "seed-volume" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var volume))
{
    await using var scope = app.Services.CreateAsyncScope();
    await VolumeSeeder.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), volume, TimeProvider.System, Console.Out, CancellationToken.None);
    return;
}

app.UseKlantCentraal();
app.MapKlantCentraal();
await app.RunAsync();

/// <summary>The entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
