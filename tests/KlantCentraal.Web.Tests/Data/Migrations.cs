using KlantCentraal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Data;

public class Migrations
{
    [Fact]
    public void The_sqlite_migrations_capture_every_model_change()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run src/KlantCentraal.Web/Data/Migrations/add-migration.sh NAME");
    }

    [Fact]
    public void The_sql_server_migrations_capture_every_model_change()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run src/KlantCentraal.Web/Data/Migrations/add-migration.sh NAME");
    }

    [Fact]
    public void The_postgresql_migrations_capture_every_model_change()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run src/KlantCentraal.Web/Data/Migrations/add-migration.sh NAME");
    }

    [Fact]
    public void Every_provider_has_the_same_migrations_in_the_same_order()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
        Assert.Equal(Names(sqlite), Names(postgreSql));
    }

    [Fact]
    public void A_database_made_by_the_history_before_the_baseline_stops_the_start_with_a_plain_message()
    {
        var file = Path.Combine(Path.GetTempPath(), $"klantcentraal-old-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE \"__EFMigrationsHistory\" (\"MigrationId\" TEXT NOT NULL PRIMARY KEY, \"ProductVersion\" TEXT NOT NULL);" +
                    "INSERT INTO \"__EFMigrationsHistory\" VALUES ('20261122235135_Initial', '10.0.14');";
                command.ExecuteNonQuery();
            }

            using var root = new KlantCentraalFactory();
            using var app = root.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Sqlite", $"Data Source={file};Pooling=False"));
            var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            Assert.Contains("cannot be upgraded", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
