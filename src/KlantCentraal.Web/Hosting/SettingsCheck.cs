using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KlantCentraal.Web.Data;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// Every setting checked before the app starts (issue 30): a time zone that does not exist, an address that is not
/// absolute, a number out of range, a certificate that cannot be read or letters that would go nowhere stop the
/// start with one plain line per problem — all problems at once, not one per restart. Then the log says what is
/// configured, without secrets.
/// </summary>
public static class SettingsCheck
{
    public static void StopOnProblems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"KlantCentraal did not start: {problems.Count} setting(s) need attention.{Environment.NewLine}")
                + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    public static IEnumerable<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = configuration["Database:Provider"] ?? DatabaseSetup.SqliteProvider;
        if (!Providers.Contains(provider, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"Database:Provider is '{provider}': use Sqlite (the default), PostgreSQL or SqlServer.";
        }
        else if (!string.Equals(provider, DatabaseSetup.SqliteProvider, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(configuration.GetConnectionString(provider)))
        {
            yield return $"Database:Provider is {provider}, but ConnectionStrings:{provider} is not set: give the server's connection string.";
        }

        if (configuration["Organisation:TimeZone"] is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            yield return $"Organisation:TimeZone '{zone}' is not a time zone this machine knows: use an IANA name such as Europe/Amsterdam.";
        }

        foreach (var problem in Thrown(() => Organisation.PublicLinks.FromConfiguration(configuration, environment)))
        {
            yield return problem;
        }

        foreach (var problem in Thrown(() => Mail.MailOptions.CheckAtStart(configuration, environment)))
        {
            yield return problem;
        }

        if (configuration["Authentication:Oidc:Authority"] is { Length: > 0 } authority
            && !(Uri.TryCreate(authority, UriKind.Absolute, out var issuer) && (issuer.Scheme == Uri.UriSchemeHttps || environment.IsDevelopment())))
        {
            yield return $"Authentication:Oidc:Authority '{authority}' must be the absolute https address of the organisation's sign-in provider, such as https://login.example.nl.";
        }

        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate && CertificateProblem(certificate, configuration["DataProtection:CertificatePassword"]) is { } unreadable)
        {
            yield return unreadable;
        }

        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis && Thrown(() => StackExchange.Redis.ConfigurationOptions.Parse(redis)).Any())
        {
            yield return "ConnectionStrings:Redis cannot be read: use StackExchange.Redis syntax, such as redis.internal:6379,password=…,ssl=true.";
        }

        foreach (var key in CronSettings)
        {
            if (configuration[key] is { Length: > 0 } expression && !BackupOptions.IsValid(expression))
            {
                yield return $"{key} '{expression}' is not a cron expression: five fields (minute hour day month weekday), such as \"0 2 * * *\" for 02:00 every night.";
            }
        }

        foreach (var problem in TelemetryOptions.Problems(configuration))
        {
            yield return problem;
        }

        if (configuration["Logging:Format"] is { Length: > 0 } format && !format.Equals("text", StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Logging:Format is '{format}': use text (the default, one line per event) or json (one JSON object per line).";
        }

        foreach (var (key, min, max) in Ranges)
        {
            if (RangeProblem(configuration, key, min, max) is { } problem)
            {
                yield return problem;
            }
        }
    }

    /// <summary>Whole-number settings and the values that make sense for them.</summary>
    private static readonly (string Key, long Min, long Max)[] Ranges =
    [
        ("HttpsPort", 1, 65535),
        ("Mail:SmtpPort", 1, 65535),
        ("InboundMail:Port", 1, 65535),
        ("Organisation:OnlineResponseWorkingDays", 1, 60),
        ("Investigations:GroupingWindowDays", 1, 365),
        ("Investigations:ServiceLevelWorkingDays", 1, 120),
        ("Policy:CoSignWindowDays", 1, 365),
        ("RateLimits:LookupsPerClientPerMinute", 1, 1_000_000),
        ("RateLimits:LookupsPerCodePerHour", 1, 1_000_000),
        ("RateLimits:ApiRequestsPerKeyPerMinute", 1, 1_000_000),
        ("RateLimits:ComplaintsPerClientPerHour", 1, 1_000_000),
        ("RateLimits:MessagesPerClientPerHour", 1, 1_000_000),
        ("RootCauseQueue:BatchSize", 1, 1000),
        ("RootCauseQueue:MaxAttempts", 1, 100),
        ("MailOutbox:BatchSize", 1, 1000),
        ("MailOutbox:MaxAttempts", 1, 100),
        ("Attachments:MaxFiles", 0, 50),
        ("Backup:Keep", 1, 10_000),
        ("Database:SqliteMemoryMapBytes", 0, long.MaxValue),
    ];

    private static string? RangeProblem(IConfiguration configuration, string key, long min, long max)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{key} is '{text}': give a whole number from {min} to {(max == long.MaxValue ? "any size" : max.ToString(CultureInfo.InvariantCulture))}.");
    }

    private static string? CertificateProblem(string path, string? password)
    {
        if (!File.Exists(path))
        {
            return $"DataProtection:CertificatePath points to '{path}', which does not exist: give the path of a PFX file with a private key.";
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? null : $"DataProtection:CertificatePath: the certificate in '{path}' has no private key, so the keys could not be read back.";
        }
        catch (CryptographicException)
        {
            return $"DataProtection:CertificatePath: '{path}' cannot be opened: is DataProtection:CertificatePassword right, and is it a PFX file?";
        }
    }

    private static IEnumerable<string> Thrown(Action check)
    {
        try
        {
            check();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            return [ex.Message];
        }

        return [];
    }

    /// <summary>What is configured, for the start-up log line: engines, hosts and choices — never passwords, secrets or keys.</summary>
    public static string Summary(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = configuration["Database:Provider"] ?? DatabaseSetup.SqliteProvider;
        var database = string.Equals(provider, DatabaseSetup.SqliteProvider, StringComparison.OrdinalIgnoreCase)
            ? $"SQLite {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(configuration.GetConnectionString(DatabaseSetup.SqliteProvider), environment.ContentRootPath)).DataSource}"
            : $"{provider} {Where(configuration.GetConnectionString(provider))}";
        var redis = configuration.GetConnectionString("Redis") is { Length: > 0 } r ? r.Split(',')[0] : "none (one instance)";
        var mail = configuration["Mail:SmtpHost"] is { Length: > 0 } smtp
            ? $"SMTP {smtp}:{configuration["Mail:SmtpPort"] ?? "587"}{(configuration["Mail:SmtpAuth"] is { Length: > 0 } auth ? " (" + auth + ")" : string.Empty)}"
            : $"pickup folder {configuration["Mail:PickupDirectory"] ?? "data/mail-pickup"}";
        var mailbox = configuration["InboundMail:Host"] is { Length: > 0 } imap ? imap : "none";
        var signIn = configuration["Authentication:Oidc:Authority"] is { Length: > 0 } oidc ? $"accounts and {oidc}" : "accounts";
        var backups = configuration["Backup:Schedule"] is { Length: > 0 } schedule ? $"'{schedule}', {configuration["Backup:Keep"] ?? "14"} kept" : "on demand and before migrations";
        return $"Environment {environment.EnvironmentName}; database {database}; Redis {redis}; letters by {mail}; complaints mailbox {mailbox}; " +
            $"sign-in with {signIn}; time zone {configuration["Organisation:TimeZone"] ?? "Europe/Amsterdam"}; public address {configuration["Organisation:PublicBaseUrl"] ?? "(Development default)"}; " +
            $"backups {backups}; HTTPS required {Https.Required(configuration, environment)}; telemetry {(configuration["OpenTelemetry:Endpoint"] is { Length: > 0 } otlp ? "OTLP " + otlp : "no OTLP")}, Prometheus {(configuration.GetValue("OpenTelemetry:PrometheusEnabled", false) ? "on " + TelemetryOptions.ScrapePath : "off")}; logs as {configuration["Logging:Format"] ?? "text"}";
    }

    private static readonly string[] ServerKeys = ["Host", "Server", "Data Source", "Port", "Database", "Initial Catalog"];

    private static readonly string[] Providers = [DatabaseSetup.SqliteProvider, DatabaseSetup.SqlServerProvider, DatabaseSetup.PostgreSqlProvider];

    private static readonly string[] CronSettings = ["Reports:WeeklyDigest", "Reports:QuarterlyReview", "Backup:Schedule"];

    /// <summary>Only the server and database of a connection string (no user, no password).</summary>
    private static string Where(string? connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "(connection string cannot be read)";
        }

        var parts = ServerKeys
            .Where(builder.ContainsKey)
            .Select(k => $"{k}={builder[k]}");
        return string.Join(";", parts);
    }
}
