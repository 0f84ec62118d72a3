using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.AspNetCore;
using KlantCentraal.Web;
using KlantCentraal.Web.Api;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Policy;
using KlantCentraal.Web.Privacy;
using KlantCentraal.Web.Security;
using KlantCentraal.Web.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// Logging: Serilog, configured once from configuration (no static bootstrap logger: see style.md). The static
// Log.Logger is left alone: otherwise every host in a process (the tests start many) would make it its own, the
// framework's loggers would write to whichever host set it last, and a host shutting down would silence the rest.
builder.Services.AddSerilog(
    (services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext(),
    preserveStaticLogger: true);

builder.Services.AddSingleton(TimeProvider.System);
// Links in e-mails come from Organisation:PublicBaseUrl, never from a request's Host header (docs/security.md).
builder.Services.AddSingleton(PublicLinks.FromConfiguration(builder.Configuration, builder.Environment));
builder.Services.Configure<OrganisationOptions>(builder.Configuration.GetSection(OrganisationOptions.Section));
builder.Services.Configure<PolicyOptions>(builder.Configuration.GetSection(PolicyOptions.Section));
builder.Services.Configure<InvestigationOptions>(builder.Configuration.GetSection(InvestigationOptions.Section));
// Settings an administrator saved override configuration, per request (see Settings/OrganisationSettings.cs).
builder.Services.AddSingleton<SettingsStore>();
builder.Services.AddSingleton<IConfigureOptions<OrganisationOptions>>(sp => sp.GetRequiredService<SettingsStore>());
builder.Services.AddSingleton<IConfigureOptions<PolicyOptions>>(sp => sp.GetRequiredService<SettingsStore>());
builder.Services.AddSingleton<IConfigureOptions<InvestigationOptions>>(sp => sp.GetRequiredService<SettingsStore>());
builder.Services.Configure<RootCauseQueueOptions>(builder.Configuration.GetSection(RootCauseQueueOptions.Section));
builder.Services.Configure<MailOutboxOptions>(builder.Configuration.GetSection(MailOutboxOptions.Section));

// Persistence: SQLite by default, SQL Server by configuration.
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
builder.Services.AddDataProtection().SetApplicationName("KlantCentraal").PersistKeysToDbContext<AppDbContext>().ProtectKeysWhenConfigured(builder.Configuration);
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database").AddCheck<InboundMailHealthCheck>("mailbox");

// Identity: staff accounts with roles; lockout after five failed sign-ins.
builder.Services.AddIdentity<StaffUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        // ASVS 2.1: length, not composition; common and guessable passwords are refused by StrongPasswords.
        options.Password.RequiredLength = StrongPasswords.MinimumLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddPasswordValidator<StrongPasswords>();
// Idle timeout, absolute lifetime, and sign-out (or deactivation, or a new password) ends every session at once.
builder.Services.AddStaffSessions(builder.Configuration, secureCookies: !builder.Environment.IsDevelopment());
// Roles changed by an administrator reach a signed-in session within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
// Integrations authenticate with API keys (Api/ApiKey.cs) on the JSON API only.
builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddComplaintsApi();
// Antiforgery, TempData and language cookies: HttpOnly, SameSite, and Secure outside Development.
var cookieSecurity = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = CookieNames.Antiforgery;
    options.Cookie.SecurePolicy = cookieSecurity;
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.Configure<CookieTempDataProviderOptions>(options =>
{
    options.Cookie.SecurePolicy = cookieSecurity;
    options.Cookie.SameSite = SameSiteMode.Lax;
});
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.Desk, p => p.RequireRole(Roles.ServiceDesk, Roles.Manager))
    .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager))
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
    .AddPolicy(ComplaintsApi.ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.ScopeClaim, nameof(ApiScopes.ReadComplaints)))
    .AddPolicy(ComplaintsApi.CreatePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.ScopeClaim, nameof(ApiScopes.CreateComplaints)));

// Screens: Dutch first, English on request (cookie or ?culture=en-GB).
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    CultureInfo[] cultures = [new("nl-NL"), new("en-GB")];
    options.DefaultRequestCulture = new RequestCulture("nl-NL");
    options.SupportedCultures = cultures;
    options.SupportedUICultures = cultures;
    options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
});
builder.Services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/Desk", Policies.Desk);
        options.Conventions.AuthorizeFolder("/Manager", Policies.Manager);
        options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        options.Conventions.AllowAnonymousToPage("/Index");
        options.Conventions.AllowAnonymousToFolder("/Track");
        options.Conventions.AllowAnonymousToFolder("/Complain");
        options.Conventions.AllowAnonymousToPage("/Error");
        options.Conventions.AllowAnonymousToPage("/Account/Login");
        options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
        options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
    })
    .AddMvcOptions(options => options.Filters.Add<DatabaseTroubleFilter>())
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>((options, t) =>
{
    var messages = options.ModelBindingMessageProvider;
    messages.SetValueIsInvalidAccessor(_ => t["Deze waarde is ongeldig."]);
    messages.SetAttemptedValueIsInvalidAccessor((_, _) => t["Deze waarde is ongeldig."]);
    messages.SetValueMustNotBeNullAccessor(_ => t["Vul dit veld in."]);
    messages.SetMissingBindRequiredValueAccessor(_ => t["Vul dit veld in."]);
    messages.SetUnknownValueIsInvalidAccessor(_ => t["Deze waarde is ongeldig."]);
    messages.SetValueMustBeANumberAccessor(_ => t["Vul een getal in."]);
    messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => t["Deze waarde is ongeldig."]);
    messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Deze waarde is ongeldig."]);
    messages.SetNonPropertyValueMustBeANumberAccessor(() => t["Vul een getal in."]);
});
// Server-side validation is explicit in each handler (ValidateAsync into ModelState); the package adds only
// the client-side data-val attributes.
builder.Services.AddFluentValidationClientsideAdapters();
// Validators are stateless (they read the clock and the culture when they run): one instance each.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddScoped<Formats>();
// Dutch and customers' names are written as they are (ë, €, emoji), not as &#x...; entities; Razor still escapes markup.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

// Public forms are rate limited per client; lookups also per tracking code.
builder.Services.AddPublicRateLimits(builder.Configuration);
// Forwarded headers (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true) are trusted only from the configured proxies.
builder.Services.AddTrustedProxies(builder.Configuration);
if (!builder.Environment.IsDevelopment())
{
    builder.Services.AddHsts(options =>
    {
        options.MaxAge = TimeSpan.FromDays(365);
        options.IncludeSubDomains = true;
    });
    builder.Services.AddHttpsRedirection(options => options.HttpsPort = builder.Configuration.GetValue("HttpsPort", 443));
}

// The domain service, the root-cause queue and start-up seeding.
builder.Services.AddSingleton<WriteGate>();
builder.Services.AddSingleton<TrackingCodeSource>();
builder.Services.AddScoped<ComplaintDesk>();
builder.Services.AddScoped<KlantCentraal.Web.Reporting.DashboardQueries>();
builder.Services.AddScoped<KlantCentraal.Web.Investigations.InvestigationDesk>();
builder.Services.AddScoped<CoSigning>();
builder.Services.AddScoped<KlantCentraal.Web.Stores.StoreAccess>();
builder.Services.AddScoped<CurrentStaff>();
builder.Services.AddScoped<KlantCentraal.Web.Stores.StoreDirectory>();
builder.Services.AddScoped<KlantCentraal.Web.Stores.StoreCsv>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<StaffAccounts>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddSingleton<TrackingTokens>();
builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
builder.Services.AddSingleton<Mailer>();
builder.Services.AddScoped<CustomerLetters>();
builder.Services.AddScoped<MailOutbox>();
builder.Services.AddScoped<RootCauseQueueProcessor>();
// Conversations: messages, attachments, the desk's live inbox.
builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection(AttachmentOptions.Section));
builder.Services.AddSingleton<AttachmentRules>();
builder.Services.AddScoped<ConversationDesk>();
builder.Services.AddSingleton<InboxNotifier>();
builder.Services.AddSignalR();
builder.Services.Configure<InboundMailOptions>(builder.Configuration.GetSection(InboundMailOptions.Section));
builder.Services.AddSingleton<InboundMailStatus>();
builder.Services.AddScoped<InboundMailbox>();
if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{InboundMailOptions.Section}:Host"]) && builder.Configuration.GetValue($"{InboundMailOptions.Section}:WorkerEnabled", true))
{
    builder.Services.AddPeriodicWorker<InboundMailbox>("Inbound mail", sp => sp.GetRequiredService<IOptions<InboundMailOptions>>().Value.PollInterval, (mailbox, ct) => mailbox.ProcessAsync(ct));
}
builder.Services.AddScoped<StartupSeeder>();
if (builder.Configuration.GetValue($"{MailOutboxOptions.Section}:WorkerEnabled", true))
{
    builder.Services.AddPeriodicWorker<MailOutbox>("Mail outbox", sp => sp.GetRequiredService<IOptions<MailOutboxOptions>>().Value.PollInterval, (outbox, ct) => outbox.ProcessPendingAsync(ct));
}

if (builder.Configuration.GetValue($"{RootCauseQueueOptions.Section}:WorkerEnabled", true))
{
    builder.Services.AddPeriodicWorker<RootCauseQueueProcessor>("Root-cause queue", sp => sp.GetRequiredService<IOptions<RootCauseQueueOptions>>().Value.PollInterval, (queue, ct) => queue.ProcessPendingAsync(ct));
}

builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection(RetentionOptions.Section));
builder.Services.AddScoped<RetentionProcessor>();
if (builder.Configuration.GetValue($"{RetentionOptions.Section}:JobEnabled", true))
{
    builder.Services.AddPeriodicWorker<RetentionProcessor>("Privacy retention", sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value.JobInterval, (retention, ct) => retention.RunAsync(ct));
}

// Every instance re-reads the saved settings, so a change made through another instance applies here too.
builder.Services.AddPeriodicWorker<SettingsStore>("Settings", _ => SettingsStore.RefreshInterval, async (store, ct) =>
{
    await store.RefreshAsync(ct);
    return 0; // no work items, only a fresh copy
});

var app = builder.Build();

await StartupSeeder.RunAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<SettingsStore>().RefreshAsync(app.Lifetime.ApplicationStopping);

// `seed-volume N` fills the SQLite database with N generated complaints for benchmarks, then exits.
if (args.Length >= 2 && args[0] == "seed-volume" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var volume))
{
    await using var scope = app.Services.CreateAsyncScope();
    await VolumeSeeder.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), volume, TimeProvider.System, Console.Out, CancellationToken.None);
    return;
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
    // Plain HTTP is redirected to HTTPS (the Secure cookies would fail there); /health stays reachable for probes.
    app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
}

app.UseSecurityHeaders();
// The JSON API answers every error as application/problem+json; pages get the friendly error page.
app.UseWhen(ComplaintsApi.IsApiRequest, branch => branch.UseStatusCodePages(ComplaintsApi.WriteStatusProblemAsync));
app.UseWhen(http => !ComplaintsApi.IsApiRequest(http), branch => branch.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
// The app's own Serilog logger (the middleware would otherwise take the static one, which this app leaves alone).
app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetService<Serilog.ILogger>());
app.UseClientDisconnects();
app.UseStaticFiles();
// The browsable API reference (Swagger UI served by the app itself) over the OpenAPI document.
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "api/docs";
    options.SwaggerEndpoint("/openapi/v1.json", "KlantCentraal API v1");
    options.DocumentTitle = "KlantCentraal API";
});
app.UseRequestLocalization();
app.UseRouting();
app.UseApiKeyFailureLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapRazorPages();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapComplaintsApi();
app.MapAttachments();
app.MapHub<InboxHub>(InboxHub.Path);
// An unknown address is a friendly 404 for everyone, not a staff login prompt.
app.MapFallback(() => Results.NotFound()).AllowAnonymous();
app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
    {
        var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-GB" : "nl-NL";
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
        return Results.LocalRedirect(LocalUrls.IsSafe(returnUrl) ? returnUrl! : "/");
    })
    .AllowAnonymous();

await app.RunAsync();

/// <summary>The entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
