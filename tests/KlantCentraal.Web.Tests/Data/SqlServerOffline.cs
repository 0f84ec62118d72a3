using KlantCentraal.Web.Customers;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>
/// SQL Server cannot run on these machines, so what we send it is checked offline: the idempotent migration script
/// and the SQL Server text of the hot queries (EF's ToQueryString needs no server) parse with Microsoft's own T-SQL
/// parser, and every index the SQLite model has exists in the SQL Server model too.
/// </summary>
public class SqlServerOffline
{
    [Fact]
    public void The_idempotent_migration_script_parses_without_errors()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "sql", "sqlserver-idempotent.sql"));

        var errors = Parse(script);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.Contains("CREATE TABLE [Complaints]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sql_server_text_of_every_hot_query_parses_without_errors()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        foreach (var (name, query) in HotQueries(db))
        {
            var sql = query.ToQueryString();
            var errors = Parse(sql);
            Assert.True(errors.Count == 0, $"{name}:{Environment.NewLine}{sql}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}"))}");
        }
    }

    [Fact]
    public void The_daily_roll_ups_own_sql_server_statements_parse_without_errors()
    {
        string[] statements =
        [
            DailyFigures.UpsertSql(sqlServer: true, "(@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7), (@p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)"),
            DailyFigures.NeighboursSql("WHERE CustomerId IN (@p0, @p1)"),
            DailyFigures.NeighboursSql(string.Empty),
        ];

        foreach (var sql in statements)
        {
            var errors = Parse(sql);
            Assert.True(errors.Count == 0, $"{sql}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}"))}");
        }
    }

    [Fact]
    public void Every_index_of_the_sqlite_model_exists_in_the_sql_server_model()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var expected = Indexes(sqlite);
        var actual = Indexes(sqlServer);

        Assert.NotEmpty(expected);
        Assert.Empty(expected.Except(actual));
    }

    /// <summary>The queries the busiest pages run, built by the app's own code where it exposes them.</summary>
    internal static IEnumerable<(string Name, IQueryable Query)> HotQueries(AppDbContext db)
    {
        var code = Domain.TrackingCode.Parse("K7M4PX9QR");
        yield return ("status page: complaint by tracking code", db.Complaints.AsNoTracking().Include(c => c.Customer).Include(c => c.Messages).Where(c => c.TrackingCode == code));
        yield return ("desk search: customers by name, e-mail, phone or postcode", CustomerSearch.Matching(db, db.Customers.AsNoTracking(), "Özlem Çelik 06-12345678"));
        yield return ("desk search: customers by a customer number", CustomerSearch.Matching(db, db.Customers.AsNoTracking(), "K-000123"));
        var (start, end) = (new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        foreach (var stores in new[] { null, new[] { 3, 7 } })
        {
            var scope = stores is null ? "every store" : "two stores";
            yield return ($"dashboard per day, {scope}", DashboardQueries.PerDay(db, start, end, stores));
            yield return ($"dashboard causes and products, {scope}", DashboardQueries.CausesAndProducts(db, start, end, stores));
            yield return ($"dashboard minutes to resolve, {scope}", DashboardQueries.MinutesToResolve(db, start, end, stores));
            yield return ($"dashboard repeat customers, {scope}", DashboardQueries.RepeatCustomers(db, start, end, stores));
        }

        yield return ("dashboard repeat customers from the customers' pairs of days, every store", DashboardQueries.RolledUpRepeatCustomers(db, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        yield return ("dashboard daily roll-up", DashboardQueries.RolledUp(db, DailyFigureKind.Product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    private static HashSet<string> Indexes(DbContext db) =>
        db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables
            .SelectMany(t => t.Indexes.Select(i => $"{t.Name}.{i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}"))
            .ToHashSet(StringComparer.Ordinal);
}
