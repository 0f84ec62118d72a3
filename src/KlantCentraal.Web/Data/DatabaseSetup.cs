using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KlantCentraal.Web.Data;

public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string SqlServerProvider = "SqlServer";
    public const string PostgreSqlProvider = "PostgreSQL";

    /// <summary>
    /// Registers <see cref="AppDbContext"/> for the provider named by <c>Database:Provider</c>:
    /// SQLite (default, a file under the content root's data folder), SQL Server or PostgreSQL.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        if (string.Equals(provider, SqlServerProvider, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(SqlServerProvider)
                ?? throw new InvalidOperationException("Database:Provider is SqlServer, but ConnectionStrings:SqlServer is not set.");
            services.AddDbContextPool<AppDbContext, SqlServerAppDbContext>((sp, options) => options
                .UseSqlServer(connectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else if (string.Equals(provider, PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(PostgreSqlProvider)
                ?? throw new InvalidOperationException("Database:Provider is PostgreSQL, but ConnectionStrings:PostgreSQL is not set.");
            services.AddDbContextPool<AppDbContext, PostgreSqlAppDbContext>((sp, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = SqliteConnectionString(configuration.GetConnectionString(SqliteProvider), environment.ContentRootPath);
            if (new SqliteConnectionStringBuilder(connectionString) is { Mode: not SqliteOpenMode.Memory, DataSource: not ":memory:" } file)
            {
                // A new database file is readable by the app's own user only (0600; SQLite gives its -wal and -shm the
                // same mode): it holds every customer's personal data (issue 41/10).
                OwnerOnly.CreateEmptyFile(file.DataSource);
            }

            // Pooled: a request rents a context instead of building one (interceptors are singletons).
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors([new SqliteConnectionSetup(configuration.GetValue(SqliteConnectionSetup.MemoryMapSetting, SqliteConnectionSetup.DefaultMemoryMapBytes)), .. sp.GetServices<IInterceptor>()]));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported. Use '{SqliteProvider}', '{SqlServerProvider}' or '{PostgreSqlProvider}'.");
        }

        services.AddSingleton<WriteGate>();
        services.AddScoped<StartupSeeder>();
        return services;
    }

    /// <summary>Makes a relative SQLite file path absolute under the content root and creates its folder.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/klantcentraal.db");
        if (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }

        if (!Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Applies the provider's migrations; on SQLite switches the file to write-ahead logging. When migrations are about
    /// to change an existing SQLite database and <paramref name="backupFolder"/> is given, a backup is written there
    /// first (issue 30) and its path returned.
    /// </summary>
    public static async Task<string?> MigrateAsync(AppDbContext db, string? backupFolder, CancellationToken cancellationToken)
    {
        // ADR 0030: the history before the baseline is gone; a database made by it cannot be upgraded, and says so.
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (applied.Count > 0 && !applied.Intersect(db.Database.GetMigrations()).Any())
        {
            throw new InvalidOperationException(
                "This database was made by the migrations from before the baseline of 2026-12-02 (ADR 0030) and cannot be upgraded. " +
                "Delete it (a development database is made anew with demo data) or start from a backup made after that date.");
        }

        string? backup = null;
        // An existing database: one with migrations applied, or any file with content (a new one is empty until migrated).
        if (backupFolder is not null && db.Database.IsSqlite()
            && (applied.Count > 0 || new FileInfo(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource) is { Exists: true, Length: > 0 })
            && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).FirstOrDefault() is { } next)
        {
            backup = Path.Combine(backupFolder, string.Create(CultureInfo.InvariantCulture, $"before-{next}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.db"));
            await Backups.WriteAsync(db.Database.GetConnectionString()!, backup, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await FillSearchNamesAsync(db, cancellationToken);
        return backup;
    }

    /// <summary>
    /// Rows stored before their folded search column existed (<see cref="Domain.Customer.SearchName"/>,
    /// <see cref="Domain.RootCauseInvestigation.SearchTitle"/>, <see cref="Domain.Store.SearchText"/>) get it once, in
    /// batches (a migration cannot fold accents in SQL). Every later change keeps it up to date in the entity.
    /// </summary>
    private static async Task FillSearchNamesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await FillAsync(db, db.Customers.Where(c => c.SearchName == null).OrderBy(c => c.Id), c => c.RefreshSearchName(), cancellationToken);
        await FillAsync(db, db.Investigations.Where(i => i.SearchTitle == null).OrderBy(i => i.Id), i => i.RefreshSearchTitle(), cancellationToken);
        await FillAsync(db, db.Stores.Where(s => s.SearchText == null).OrderBy(s => s.Id), s => s.RefreshSearchText(), cancellationToken);
    }

    private static async Task FillAsync<T>(AppDbContext db, IQueryable<T> missing, Action<T> fill, CancellationToken cancellationToken)
    {
        while (await missing.Take(5_000).ToListAsync(cancellationToken) is { Count: > 0 } batch)
        {
            batch.ForEach(fill);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
