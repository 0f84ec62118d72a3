using System.Data.Common;
using System.Globalization;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Data;

/// <summary>
/// Fills a SQLite database with a realistic volume for benchmarks:
/// <c>dotnet run --project src/KlantCentraal.Web -c Release -- seed-volume 1000000</c>.
/// Deterministic (fixed random seed): a third as many customers as complaints (so there are repeat complaints),
/// 200 products with a skewed (Pareto-like) spread, two years of dates, investigations grouped per product,
/// category and month, causes on most of them, and a satisfaction score on four in ten complaints; 200 stores
/// (ST-001 … ST-200, each with a monthly budget) with every complaint but the e-mailed ones at one of them; one in
/// a hundred complaints arrived online in the last month and waits unanswered (the desk's inbox), and online ones
/// carry their promise (kept or not).
/// Rows are written with prepared ADO.NET commands in large transactions; the EF model is not involved.
/// </summary>
public static class VolumeSeeder
{
    private static readonly string[] Products =
    [
        "Waterkoker", "Broodrooster", "Stofzuiger", "Koffiezetapparaat", "Strijkijzer", "Fietsband", "Wasmachine",
        "Koelkast", "Magnetron", "Mixer", "Föhn", "Bureaulamp", "Koptelefoon", "Telefoonhoes", "Waterfles",
        "Regenjas", "Wandelschoen", "Pan", "Messenset", "Bezorgservice",
    ];

    private const int StoreCount = 200;

    private static readonly string[] Channels = ["Counter", "Counter", "Phone", "Email", "Web"];

    private static readonly string[] Categories = ["ProductDefect", "ProductDefect", "ProductDefect", "Delivery", "Service", "Billing", "Other"];

    private static readonly string[] Causes = ["People", "Process", "Process", "Equipment", "Materials", "Materials", "Materials", "Measurement", "Environment"];

    public static async Task RunAsync(AppDbContext db, int complaints, TimeProvider time, TextWriter log, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException("seed-volume writes SQLite directly; run it with Database:Provider=Sqlite.");
        }

        var random = new Random(42);
        var now = time.GetUtcNow().UtcDateTime;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        var firstStore = await NextIdAsync(connection, "Stores", cancellationToken);
        await InsertAsync(connection, "INSERT INTO Stores (Code, Name, City, OpeningHours, MonthlyBudgetCents, SearchText) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)", StoreCount, i =>
        [
            $"ST-{i + 1:D3}", $"Winkel {i + 1:D3}", $"Plaats {i % 40}", "mo=09:00-18:00;tu=09:00-18:00;we=09:00-18:00;th=09:00-18:00;fr=09:00-21:00;sa=10:00-17:00;su=",
            (20 + (i % 10) * 10) * 100_000L, SearchText.Fold($"Winkel {i + 1:D3} Plaats {i % 40}"),
        ], cancellationToken);
        log.WriteLine($"{StoreCount:N0} stores");

        var firstCustomer = await NextIdAsync(connection, "Customers", cancellationToken);
        var customerCount = Math.Max(1, complaints / 3);
        await InsertAsync(connection, "INSERT INTO Customers (Name, Email, Phone, Postcode, CreatedAt, SearchName) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)", customerCount, i =>
        [
            $"Klant {i:D7}",
            i % 2 == 0 ? $"klant{i}@voorbeeld.nl" : null,
            i % 3 == 0 ? $"06{i % 100_000_000:D8}" : null,
            $"{1000 + (i % 9000)}{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))}",
            Text(now.AddDays(-800)),
            $"klant {i:D7}",
        ], cancellationToken);
        log.WriteLine($"{customerCount:N0} customers");

        // Investigations: one per product, category and month.
        var firstInvestigation = await NextIdAsync(connection, "Investigations", cancellationToken);
        var investigationKeys = new Dictionary<(int Product, string Category, int Month), int>();
        var investigations = new List<(string Title, string Key, string Category, DateTime Opened, string? Cause)>();
        var rows = new List<object?[]>(complaints);
        var codes = new HashSet<string>();
        for (var i = 0; i < complaints; i++)
        {
            var product = Skewed(random, Products.Length * 10);
            var name = $"{Products[product % Products.Length]} {1 + (product / Products.Length)}";
            var category = Categories[random.Next(Categories.Length)];
            // One in a hundred arrived in the last month and waits unanswered for the desk (10,000 in a million): the inbox.
            var open = i % 100 == 0;
            var received = now.AddMinutes(-random.Next(0, (open ? 30 : 730) * 24 * 60));
            var month = (received.Year * 12) + received.Month;
            if (!investigationKeys.TryGetValue((product, category, month), out var investigation) && !open)
            {
                investigation = firstInvestigation + investigations.Count;
                investigationKeys[(product, category, month)] = investigation;
                investigations.Add((name, "name:" + name.ToLowerInvariant(), category, received, random.Next(10) < 7 ? Causes[random.Next(Causes.Length)] : null));
            }

            string code;
            do
            {
                code = TrackingCode.New().Value;
            }
            while (!codes.Add(code));

            var type = random.Next(10) switch { < 5 => "Refund", < 7 => "Replacement", < 8 => "Repair", < 9 => "Voucher", _ => "Apology" };
            long? amount = type is "Refund" or "Voucher" ? random.Next(5, 300) * 100L + random.Next(0, 100) : null;
            var minutes = Channels[i % Channels.Length] == "Web" ? random.Next(60, 3 * 24 * 60) : 0;
            var closed = received < now.AddDays(-60);
            // Online complaints were promised an answer two days after they arrived (issue 28); most were kept.
            var promised = open || Channels[i % Channels.Length] == "Web" ? DateOnly.FromDateTime(received).AddDays(2) : (DateOnly?)null;
            rows.Add(open
                ? [
                    code, firstCustomer + random.Next(customerCount), "Web", category, name, "name:" + name.ToLowerInvariant(),
                    "Unknown", "Automatisch gegenereerd voor de benchmark.", type, "Received", Text(received),
                    "Klant", null, null, null, null, null, null, null, null, null, null, null, null, null,
                    firstStore + random.Next(StoreCount), DateOnly.FromDateTime(received).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    promised!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null,
                ]
                : [
                code, firstCustomer + random.Next(customerCount), Channels[i % Channels.Length], category, name, "name:" + name.ToLowerInvariant(),
                "Unknown", "Automatisch gegenereerd voor de benchmark.", type, closed ? "Closed" : "Investigating", Text(received),
                "Sanne", type, amount, type == "Refund" ? "OriginalPayment" : null, type is "Refund" or "Voucher" ? null : "Afgesproken",
                Text(received.AddMinutes(minutes)), "seed", "Sanne", investigation, minutes == 0 ? 1 : 0, minutes,
                random.Next(10) < 4 ? random.Next(1, 6) : null, "None", closed ? Text(received.AddDays(30)) : null,
                Channels[i % Channels.Length] == "Email" ? null : firstStore + random.Next(StoreCount),
                DateOnly.FromDateTime(received).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                promised?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), promised is null ? null : minutes < 2 * 24 * 60 ? 1 : 0,
            ]);
        }

        await InsertAsync(connection, "INSERT INTO Investigations (Title, ProductKey, Category, Status, OpenedAt, DueDate, Whys, Version, CauseCategory, CauseStatement, CorrectiveAction, SearchTitle) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, '[]', 0, $p6, $p7, $p8, $p9)", investigations.Count, i =>
        {
            var inv = investigations[i];
            var active = inv.Opened >= now.AddDays(-60);
            return
            [
                inv.Title, inv.Key, inv.Category, active ? "InProgress" : "Fixed", Text(inv.Opened),
                DateOnly.FromDateTime(inv.Opened.AddDays(14)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                inv.Cause, inv.Cause is null ? null : "Gegenereerde oorzaak", inv.Cause is null ? null : "Gegenereerde maatregel", SearchText.Fold(inv.Title),
            ];
        }, cancellationToken);
        log.WriteLine($"{investigations.Count:N0} investigations");

        await InsertAsync(
            connection,
            "INSERT INTO Complaints (TrackingCode, CustomerId, Channel, Category, ProductName, ProductKey, Receipt, Description, DesiredOutcome, Status, ReceivedAt, RecordedByName, ResolutionType, ResolutionAmountCents, ResolutionRefundMethod, ResolutionNote, ResolvedAt, ResolvedById, ResolvedByName, InvestigationId, Resolution_FirstContact, Resolution_MinutesToResolve, SatisfactionScore, CoSignReasons, ClosedAt, StoreId, ReceivedOn, Version, GrantedAtStoreId, RespondBy, PromiseKept, Conversation, Regime) " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18, $p19, $p20, $p21, $p22, $p23, $p24, $p25, $p26, 1, CASE WHEN $p16 IS NULL THEN NULL ELSE $p25 END, $p27, $p28, 'Quiet', 'Retail')",
            rows.Count,
            i => rows[i],
            cancellationToken);
        log.WriteLine($"{rows.Count:N0} complaints");

        // The rows bypassed EF: each complaint learns its customer's complaints before and after it here, and the
        // dashboard's daily figures, emptied, are counted again at the next start.
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = Reporting.DailyFigures.NeighboursSql(string.Empty) + "; DELETE FROM \"DailyFigures\"; PRAGMA synchronous=FULL; ANALYZE;";
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Low numbers far more often than high ones, so a few products cause most complaints.</summary>
    private static int Skewed(Random random, int max) => (int)Math.Min(max - 1, Math.Floor(max * Math.Pow(random.NextDouble(), 3)));

    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task<int> NextIdAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(Id), 0) + 1 FROM \"{table}\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task InsertAsync(DbConnection connection, string sql, int count, Func<int, object?[]> values, CancellationToken cancellationToken)
    {
        const int batch = 50_000;
        for (var start = 0; start < count; start += batch)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var first = values(start);
            var parameters = new DbParameter[first.Length];
            for (var p = 0; p < first.Length; p++)
            {
                parameters[p] = command.CreateParameter();
                parameters[p].ParameterName = $"$p{p}";
                command.Parameters.Add(parameters[p]);
            }

            await command.PrepareAsync(cancellationToken);
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                var row = i == start ? first : values(i);
                for (var p = 0; p < row.Length; p++)
                {
                    parameters[p].Value = row[p] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }
}
