using System.Globalization;
using Cronos;
using KlantCentraal.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Data;

/// <summary>Configuration <c>Backup:*</c>: where and when the SQLite database is copied (issue 30).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>The folder for backups; relative to the content root. Empty: a <c>backups</c> folder next to the database file.</summary>
    public string? Directory { get; set; }

    /// <summary>A five-field cron expression in the organisation's time zone (such as <c>0 2 * * *</c>, 02:00 every night); empty: no scheduled backups.</summary>
    public string? Schedule { get; set; }

    /// <summary>How many scheduled backups are kept; older ones are deleted after a new one is written.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>A backup before every start that applies migrations to an existing database.</summary>
    public bool BeforeMigration { get; set; } = true;

    public static bool IsValid(string? cron) => string.IsNullOrWhiteSpace(cron) || CronExpression.TryParse(cron, out _);
}

/// <summary>
/// Consistent copies of the SQLite database while the app runs (issue 30). A plain file copy misses what sits in the
/// write-ahead log (an operator's copy had no tables at all); <c>VACUUM INTO</c> reads one snapshot of the database
/// in a read transaction — writers go on meanwhile — and writes it as one compact file with everything in it,
/// attachments included (they live in the database, ADR 0014). The copy is a normal database: restoring is putting
/// it where <c>ConnectionStrings:Sqlite</c> points while the app is stopped. The server engines have their own tools
/// (pg_dump, SQL Server's BACKUP DATABASE).
/// </summary>
public sealed class Backups(AppDbContext db, IOptions<BackupOptions> options, IOptionsMonitor<Settings.OrganisationOptions> organisation, TimeProvider time, ILogger<Backups> logger)
{
    private const string ScheduledPrefix = "klantcentraal-";

    /// <summary>Writes a consistent copy of the SQLite database behind <paramref name="connectionString"/> to <paramref name="file"/>, which must not exist yet.</summary>
    public static async Task WriteAsync(string connectionString, string file, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new IOException($"{target} exists already: a backup never overwrites a file. Choose another name or remove it first.");
        }

        if (Path.GetDirectoryName(target) is { Length: > 0 } folder)
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        var partial = target + ".partial";
        File.Delete(partial);
        // VACUUM INTO fills an empty file as it finds it: made first, readable by the app's user only (issue 41/10).
        OwnerOnly.CreateEmptyFile(partial);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", partial);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        // Only a whole copy gets the name: a backup cut off by a crash or a full disk is never mistaken for one.
        File.Move(partial, target);
    }

    /// <summary><c>dotnet KlantCentraal.Web.dll backup FILE</c>: one backup of the configured database, while the app may be running.</summary>
    public static async Task<int> RunCommandAsync(IConfiguration configuration, IHostEnvironment environment, string file, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        var provider = configuration["Database:Provider"] ?? DatabaseSetup.SqliteProvider;
        if (!string.Equals(provider, DatabaseSetup.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync($"Database:Provider is {provider}: back it up with the engine's own tools (PostgreSQL: pg_dump -Fc; SQL Server: BACKUP DATABASE). See docs/deployment.md.");
            return 2;
        }

        var connectionString = DatabaseSetup.SqliteConnectionString(configuration.GetConnectionString(DatabaseSetup.SqliteProvider), environment.ContentRootPath);
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(source))
        {
            await output.WriteLineAsync($"There is no database at {source} to back up (ConnectionStrings:Sqlite).");
            return 1;
        }

        try
        {
            await WriteAsync(connectionString, file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            await output.WriteLineAsync($"No backup made: {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Backup of {source} written to {Path.GetFullPath(file)} ({new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB)."));
        return 0;
    }

    /// <summary>The backup folder: <c>Backup:Directory</c>, or <c>backups</c> next to the database file.</summary>
    public static string FolderFor(string connectionString, BackupOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Directory)
            ? Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource) ?? contentRoot, "backups")
            : Path.GetFullPath(Path.Combine(contentRoot, options.Directory));
    }

    /// <summary>
    /// One round of the scheduled backups: when the schedule named a time since the newest backup in the folder, a new
    /// one is written and the oldest beyond <see cref="BackupOptions.Keep"/> deleted. Decided from the files, so a
    /// restart neither skips nor repeats one.
    /// </summary>
    public async Task<int> RunDueAsync(string contentRoot, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Schedule) || !db.Database.IsSqlite())
        {
            return 0;
        }

        var connectionString = db.Database.GetConnectionString()!;
        var folder = FolderFor(connectionString, settings, contentRoot);
        var now = time.GetUtcNow().UtcDateTime;
        var zone = Organisation.OrganisationCalendar.ZoneOf(organisation.CurrentValue.TimeZone);
        var due = CronExpression.Parse(settings.Schedule).GetOccurrences(now.AddDays(-40), now, zone, fromInclusive: true, toInclusive: true).LastOrDefault();
        var scheduled = Scheduled(folder);
        if (due.Year < 2 || scheduled.FirstOrDefault() is { } newest && File.GetLastWriteTimeUtc(newest) >= due)
        {
            return 0;
        }

        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{ScheduledPrefix}{now:yyyyMMdd-HHmmss}.db"));
        await WriteAsync(connectionString, file, cancellationToken);
        File.SetLastWriteTimeUtc(file, now);
        foreach (var old in Scheduled(folder).Skip(Math.Max(1, settings.Keep)))
        {
            File.Delete(old);
        }

        logger.LogInformation("Backup written to {File}", file);
        return 1;
    }

    /// <summary>The scheduled backups in the folder, newest first (their names sort by time).</summary>
    private static List<string> Scheduled(string folder) => System.IO.Directory.Exists(folder)
        ? [.. System.IO.Directory.EnumerateFiles(folder, ScheduledPrefix + "*.db").Order(StringComparer.Ordinal).Reverse()]
        : [];
}

public static class BackupServices
{
    /// <summary>Scheduled backups of the SQLite database (<c>Backup:*</c>, the schedule checked at start).</summary>
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section))
            .Validate(o => BackupOptions.IsValid(o.Schedule), "Backup:Schedule is not a cron expression (five fields, such as \"0 2 * * *\" for 02:00 every night).")
            .Validate(o => o.Keep >= 1, "Backup:Keep must be 1 or more.")
            .ValidateOnStart();
        services.AddScoped<Backups>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{BackupOptions.Section}:Schedule"]))
        {
            var contentRoot = environment.ContentRootPath;
            services.AddPeriodicWorker<Backups>("Backups", _ => TimeSpan.FromMinutes(1), (backups, ct) => backups.RunDueAsync(contentRoot, ct));
        }

        return services;
    }
}

/// <summary>Files with personal data — the database, its backups — are made readable and writable by their owner only (0600).</summary>
public static class OwnerOnly
{
    /// <summary>Creates <paramref name="file"/> empty with mode 0600 (on Unix) when it does not exist; an existing file is left alone.</summary>
    public static void CreateEmptyFile(string file)
    {
        if (File.Exists(file))
        {
            return;
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var created = new FileStream(file, options);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process made it a moment ago.
        }
    }
}
