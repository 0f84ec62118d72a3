using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Reporting;

/// <summary>
/// Computes the roll-up's changes from what a save is about to write, applies them with one upsert, and rebuilds the
/// whole roll-up from the complaints when it was counted in another time zone (or never, right after the migration).
/// </summary>
public sealed class DailyFigures(IOptionsMonitor<OrganisationOptions> organisation)
{
    /// <summary>
    /// Shadow columns of Complaints: when the same customer's complaint before and after this one was received. A
    /// customer complained more than once in a period exactly when their first complaint in it (nothing before the
    /// start) has a next one before the end — a count over one index, where grouping by customer sorts the period.
    /// </summary>
    public const string PreviousOfCustomerAt = nameof(PreviousOfCustomerAt);

    public const string NextOfCustomerAt = nameof(NextOfCustomerAt);

    /// <summary>Threads the customers' complaints in time (ties by id); the same text (standard quoted names) runs on every engine.</summary>
    internal static string NeighboursSql(string where) => $"""
        UPDATE "Complaints" SET
            "PreviousOfCustomerAt" = (SELECT MAX(p."ReceivedAt") FROM "Complaints" p WHERE p."CustomerId" = "Complaints"."CustomerId"
                AND (p."ReceivedAt" < "Complaints"."ReceivedAt" OR (p."ReceivedAt" = "Complaints"."ReceivedAt" AND p."Id" < "Complaints"."Id"))),
            "NextOfCustomerAt" = (SELECT MIN(n."ReceivedAt") FROM "Complaints" n WHERE n."CustomerId" = "Complaints"."CustomerId"
                AND (n."ReceivedAt" > "Complaints"."ReceivedAt" OR (n."ReceivedAt" = "Complaints"."ReceivedAt" AND n."Id" > "Complaints"."Id")))
        {where}
        """;

    /// <summary>A complaint as the dashboard counts it, before or after a change.</summary>
    private readonly record struct Counted(DateOnly Day, bool Resolved, bool FirstContact, long Goodwill, int? Score, string ProductKey, int Minutes, CauseCategory? Cause, Promised? Promise);

    /// <summary>A promise as the dashboard counts it: due on <paramref name="Day"/>, for one store and regime, kept or not.</summary>
    private readonly record struct Promised(DateOnly Day, string Item, bool Kept);

    /// <summary>The promise's row item: "store id|regime" (no id: no store).</summary>
    private static string PromiseItem(int? storeId, Regime regime) => $"{storeId?.ToString(CultureInfo.InvariantCulture)}|{regime}";

    /// <summary>The store and regime a <see cref="DailyFigureKind.Promise"/> row's item names: <see cref="PromiseItem"/> read back.</summary>
    internal static (int? StoreId, Regime Regime) ReadPromiseItem(string item)
    {
        var (store, regime) = (item[..item.IndexOf('|', StringComparison.Ordinal)], item[(item.IndexOf('|', StringComparison.Ordinal) + 1)..]);
        return (store.Length == 0 ? null : int.Parse(store, CultureInfo.InvariantCulture), Enum.Parse<Regime>(regime));
    }

    /// <summary>A promise counts when it was kept or missed, or while it waits with its clock running (as <see cref="PromiseReport"/> reads it).</summary>
    private static Promised? Promising(DateOnly? respondBy, int? storeId, Regime regime, bool? kept, ComplaintStatus status, DateTime? clockPausedSince) =>
        respondBy is { } day && (kept is not null || (status == ComplaintStatus.Received && clockPausedSince is null))
            ? new Promised(day, PromiseItem(storeId, regime), kept == true)
            : null;

    /// <summary>Summed changes per roll-up row; rows whose changes cancel out are left out.</summary>
    internal sealed class Changes
    {
        internal Dictionary<(DailyFigureKind Kind, DateOnly Day, string Item), long[]> Rows { get; } = [];

        /// <summary>Customers whose complaints are threaded again after the save: known ids, and entries whose id the save assigns.</summary>
        internal HashSet<int> Customers { get; } = [];

        internal List<EntityEntry<Complaint>> CustomersOf { get; } = [];

        /// <summary>The organisation's time zone, in which a complaint's neighbours have their day.</summary>
        internal TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

        public bool IsEmpty => Customers.Count == 0 && CustomersOf.Count == 0 && Rows.Values.All(v => v.All(x => x == 0));

        internal void Add(DateOnly day, bool resolved, bool firstContact, long goodwill, int? score, string productKey, int minutes, CauseCategory? cause, int sign)
        {
            Add(DailyFigureKind.Total, day, string.Empty, sign, firstContact ? sign : 0, sign * goodwill, score is null ? 0 : sign, sign * (score ?? 0));
            var month = new DateOnly(day.Year, day.Month, 1);
            Add(DailyFigureKind.Product, day, productKey, sign, 0, sign * goodwill, 0, 0);
            Add(DailyFigureKind.ProductByMonth, month, productKey, sign, 0, sign * goodwill, 0, 0);
            Add(DailyFigureKind.Cause, day, CauseItem(cause), sign, 0, sign * goodwill, 0, 0);
            if (resolved)
            {
                var item = minutes.ToString(CultureInfo.InvariantCulture);
                Add(DailyFigureKind.Minutes, day, item, sign, 0, 0, 0, 0);
                Add(DailyFigureKind.MinutesByMonth, month, item, sign, 0, 0, 0, 0);
            }
        }

        /// <summary>
        /// A complaint as one of its customer's: with a next one, a pair (its day, the next one's day); with a previous
        /// one as well, a triple (the previous one's day, the next one's day). A customer with k complaints in a period has
        /// k − 1 pairs and k − 2 triples in it, so pairs minus triples counts the customers with two or more (ADR 0039).
        /// </summary>
        internal void AddNeighbours(DateTime? previous, DateTime at, DateTime? next, int sign)
        {
            if (next is not { } n)
            {
                return;
            }

            var nextDay = Organisation.OrganisationCalendar.DayOf(n, Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Add(DailyFigureKind.CustomerPair, Organisation.OrganisationCalendar.DayOf(at, Zone), nextDay, sign, 0, 0, 0, 0);
            if (previous is { } p)
            {
                Add(DailyFigureKind.CustomerTriple, Organisation.OrganisationCalendar.DayOf(p, Zone), nextDay, sign, 0, 0, 0, 0);
            }
        }

        internal void Add(DailyFigureKind kind, DateOnly day, string item, long complaints, long firstContact, long goodwill, long rated, long scoreSum)
        {
            if (!Rows.TryGetValue((kind, day, item), out var sums))
            {
                Rows[(kind, day, item)] = sums = new long[5];
            }

            sums[0] += complaints;
            sums[1] += firstContact;
            sums[2] += goodwill;
            sums[3] += rated;
            sums[4] += scoreSum;
        }
    }

    public static string CauseItem(CauseCategory? cause) => cause?.ToString() ?? string.Empty;

    /// <summary>The rows' layout: a roll-up counted under another layout (before the monthly rows, 1; before the customers' pairs and the promises, 2) is counted again.</summary>
    private const int Layout = 3;

    /// <summary>What the <see cref="DailyFigureKind.CountedIn"/> row says when the roll-up is current.</summary>
    private string Stamp => $"{Layout} {organisation.CurrentValue.TimeZone}";

    public TimeZoneInfo Zone => Organisation.OrganisationCalendar.ZoneOf(organisation.CurrentValue.TimeZone);

    /// <summary>
    /// What the pending save changes in the roll-up: every added, changed or removed complaint counted out as it was
    /// and in as it will be, and the complaints that stay in an investigation whose cause changes moved from the old
    /// cause to the new one. Reads the database only for investigations that are not tracked.
    /// </summary>
    internal async Task<Changes> CollectAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var changes = new Changes { Zone = Zone };
        // EF detects changes only after the saving interceptors ran: the entries must be current here.
        db.ChangeTracker.DetectChanges();
        var complaints = db.ChangeTracker.Entries<Complaint>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var investigations = db.ChangeTracker.Entries<RootCauseInvestigation>().ToDictionary(e => e.Property(i => i.Id).CurrentValue);
        var recaused = investigations.Values
            .Where(e => e.State == EntityState.Modified && e.Property(i => i.CauseCategory).OriginalValue != e.Property(i => i.CauseCategory).CurrentValue)
            .ToList();
        if (complaints.Count == 0 && recaused.Count == 0)
        {
            return changes;
        }

        var zone = Zone;
        var untracked = complaints
            .SelectMany(e => new[] { e.State == EntityState.Added ? null : e.Property(c => c.InvestigationId).OriginalValue, e.State == EntityState.Deleted ? null : e.Property(c => c.InvestigationId).CurrentValue })
            .OfType<int>().Where(id => !investigations.ContainsKey(id)).Distinct().ToList();
        var stored = untracked.Count == 0
            ? []
            : await db.Investigations.AsNoTracking().Where(i => untracked.Contains(i.Id)).Select(i => new { i.Id, i.CauseCategory }).ToDictionaryAsync(i => i.Id, i => i.CauseCategory, cancellationToken);
        CauseCategory? CauseOf(int? id, bool original) => id is not { } key ? null
            : investigations.TryGetValue(key, out var entry)
                ? (original && entry.State != EntityState.Added ? entry.Property(i => i.CauseCategory).OriginalValue : entry.Property(i => i.CauseCategory).CurrentValue)
                : stored.GetValueOrDefault(key);

        // A new customer's first and only complaint has no neighbours: nothing to thread (most of the desk's
        // complaints; one statement fewer in their transaction).
        var alone = complaints
            .Where(e => e.State == EntityState.Added && e.Reference(c => c.Customer).TargetEntry is { State: EntityState.Added })
            .GroupBy(e => e.Reference(c => c.Customer).TargetEntry!.Entity)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single())
            .ToHashSet();
        foreach (var entry in complaints)
        {
            var customer = entry.Property(c => c.CustomerId);
            if ((entry.State == EntityState.Added && !alone.Contains(entry)) || customer.IsModified)
            {
                changes.CustomersOf.Add(entry);
                if (entry.State != EntityState.Added)
                {
                    changes.Customers.Add(customer.OriginalValue);
                }
            }

            // A removed complaint leaves a gap in its customer's thread: the others are threaded again. ApplyAsync counts
            // each threaded complaint's pairs out as it reads them before threading and in after; the removed one it can
            // no longer read, so its pairs are counted out here. (A complaint's ReceivedAt never changes after Record.)
            if (entry.State == EntityState.Deleted)
            {
                changes.Customers.Add(customer.OriginalValue);
                changes.AddNeighbours(
                    entry.Property<DateTime?>(PreviousOfCustomerAt).OriginalValue,
                    entry.Property(c => c.ReceivedAt).OriginalValue,
                    entry.Property<DateTime?>(NextOfCustomerAt).OriginalValue,
                    -1);
            }

            if (entry.State != EntityState.Added)
            {
                Count(changes, Read(entry, original: true, zone, CauseOf), -1);
            }

            if (entry.State != EntityState.Deleted)
            {
                Count(changes, Read(entry, original: false, zone, CauseOf), +1);
            }
        }

        // The complaints this save does not touch follow their investigation's new cause.
        var handled = complaints.Where(e => e.State != EntityState.Added).Select(e => e.Property(c => c.Id).OriginalValue).ToList();
        foreach (var investigation in recaused)
        {
            var id = investigation.Property(i => i.Id).CurrentValue;
            var before = CauseItem(investigation.Property(i => i.CauseCategory).OriginalValue);
            var after = CauseItem(investigation.Property(i => i.CauseCategory).CurrentValue);
            var rows = await db.Complaints.AsNoTracking()
                .Where(c => c.InvestigationId == id && !handled.Contains(c.Id))
                .Select(c => new { c.ReceivedAt, Goodwill = c.Resolution!.AmountCents ?? 0 })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var day = Organisation.OrganisationCalendar.DayOf(row.ReceivedAt, zone);
                changes.Add(DailyFigureKind.Cause, day, before, -1, 0, -row.Goodwill, 0, 0);
                changes.Add(DailyFigureKind.Cause, day, after, 1, 0, row.Goodwill, 0, 0);
            }
        }

        return changes;
    }

    private static Counted Read(EntityEntry<Complaint> entry, bool original, TimeZoneInfo zone, Func<int?, bool, CauseCategory?> causeOf)
    {
        T Value<T>(PropertyEntry<Complaint, T> property) => original ? property.OriginalValue : property.CurrentValue;
        var status = Value(entry.Property(c => c.Status));
        // A complaint that is not resolved has no resolution to read.
        var resolution = status == ComplaintStatus.Received ? null : entry.ComplexProperty(c => c.Resolution!);
        T Resolution<T>(System.Linq.Expressions.Expression<Func<Resolution, T>> property) =>
            resolution is null ? default! : original ? resolution.Property(property).OriginalValue : resolution.Property(property).CurrentValue;
        return Counting(
            Value(entry.Property(c => c.ReceivedAt)),
            zone,
            status,
            Resolution(r => r.FirstContact),
            Resolution(r => r.AmountCents) ?? 0,
            Value(entry.Property(c => c.SatisfactionScore)),
            Value(entry.Property(c => c.ProductKey)),
            Resolution(r => r.MinutesToResolve),
            causeOf(Value(entry.Property(c => c.InvestigationId)), original),
            Promising(Value(entry.Property(c => c.RespondBy)), Value(entry.Property(c => c.StoreId)), Value(entry.Property(c => c.Regime)), Value(entry.Property(c => c.PromiseKept)), status, Value(entry.Property(c => c.ClockPausedSince))));
    }

    /// <summary>How the dashboard counts one complaint: its resolution's figures only once it is resolved.</summary>
    private static Counted Counting(DateTime receivedAt, TimeZoneInfo zone, ComplaintStatus status, bool firstContact, long goodwill, int? score, string productKey, int minutes, CauseCategory? cause, Promised? promise)
    {
        var resolved = status != ComplaintStatus.Received;
        return new Counted(Organisation.OrganisationCalendar.DayOf(receivedAt, zone), resolved, resolved && firstContact, resolved ? goodwill : 0, score, productKey, resolved ? minutes : 0, cause, promise);
    }

    private static void Count(Changes changes, Counted c, int sign)
    {
        changes.Add(c.Day, c.Resolved, c.FirstContact, c.Goodwill, c.Score, c.ProductKey, c.Minutes, c.Cause, sign);
        if (c.Promise is { } promise)
        {
            changes.Add(DailyFigureKind.Promise, promise.Day, promise.Item, sign, promise.Kept ? sign : 0, 0, 0, 0);
            changes.Add(DailyFigureKind.PromiseByMonth, new DateOnly(promise.Day.Year, promise.Day.Month, 1), promise.Item, sign, promise.Kept ? sign : 0, 0, 0, 0);
        }
    }

    /// <summary>Adds the changes to their rows (creating missing ones) in one statement, inside the caller's transaction.</summary>
    internal static async Task ApplyAsync(AppDbContext db, Changes changes, CancellationToken cancellationToken)
    {
        var customers = changes.Customers.Concat(changes.CustomersOf.Select(e => e.Property(c => c.CustomerId).CurrentValue)).Distinct().ToList();
        // In pieces: a bulk write (a helpdesk import) touches tens of thousands of customers and days, and a statement
        // takes at most 2,100 parameters on SQL Server (32,766 on SQLite).
        foreach (var chunk in customers.Chunk(1000))
        {
            // The customers' pairs as counted before (their complaints as this save wrote them, neighbours as they were)
            // out, and as threaded now in: exact for every complaint that is still there (ADR 0039).
            await CountNeighboursAsync(db, changes, chunk, -1, cancellationToken);
            var list = string.Join(", ", chunk.Select((_, i) => $"{{{i}}}"));
            await db.Database.ExecuteSqlRawAsync(NeighboursSql($"WHERE \"CustomerId\" IN ({list})"), chunk.Cast<object>(), cancellationToken);
            await CountNeighboursAsync(db, changes, chunk, +1, cancellationToken);
        }

        foreach (var rows in changes.Rows.Where(r => r.Value.Any(x => x != 0)).Chunk(200))
        {
            var parameters = new List<object>(rows.Length * 8);
            var values = new List<string>(rows.Length);
            foreach (var ((kind, day, item), sums) in rows)
            {
                var p = parameters.Count;
                values.Add($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}})");
                parameters.AddRange([kind.ToString(), day, item, (int)sums[0], (int)sums[1], sums[2], (int)sums[3], (int)sums[4]]);
            }

            await db.Database.ExecuteSqlRawAsync(UpsertSql(db.Database.IsSqlServer(), string.Join(", ", values)), parameters, cancellationToken);
        }
    }

    private static async Task CountNeighboursAsync(AppDbContext db, Changes changes, int[] customers, int sign, CancellationToken cancellationToken)
    {
        var threaded = await db.Complaints.AsNoTracking()
            .Where(c => customers.Contains(c.CustomerId) && EF.Property<DateTime?>(c, NextOfCustomerAt) != null)
            .Select(c => new { Previous = EF.Property<DateTime?>(c, PreviousOfCustomerAt), c.ReceivedAt, Next = EF.Property<DateTime?>(c, NextOfCustomerAt) })
            .ToListAsync(cancellationToken);
        foreach (var c in threaded)
        {
            changes.AddNeighbours(c.Previous, c.ReceivedAt, c.Next, sign);
        }
    }

    /// <summary>The upsert, per provider: SQL Server's MERGE holding the key range until commit, else ON CONFLICT (SQLite, PostgreSQL).</summary>
    internal static string UpsertSql(bool sqlServer, string values) => sqlServer
        ? $"""
           MERGE [DailyFigures] WITH (HOLDLOCK) AS t
           USING (VALUES {values}) AS s ([Kind], [Day], [Item], [Complaints], [FirstContact], [GoodwillCents], [Rated], [ScoreSum])
           ON t.[Kind] = s.[Kind] AND t.[Day] = s.[Day] AND t.[Item] = s.[Item]
           WHEN MATCHED THEN UPDATE SET [Complaints] = t.[Complaints] + s.[Complaints], [FirstContact] = t.[FirstContact] + s.[FirstContact],
               [GoodwillCents] = t.[GoodwillCents] + s.[GoodwillCents], [Rated] = t.[Rated] + s.[Rated], [ScoreSum] = t.[ScoreSum] + s.[ScoreSum]
           WHEN NOT MATCHED THEN INSERT ([Kind], [Day], [Item], [Complaints], [FirstContact], [GoodwillCents], [Rated], [ScoreSum])
               VALUES (s.[Kind], s.[Day], s.[Item], s.[Complaints], s.[FirstContact], s.[GoodwillCents], s.[Rated], s.[ScoreSum]);
           """
        : $"""
           INSERT INTO "DailyFigures" ("Kind", "Day", "Item", "Complaints", "FirstContact", "GoodwillCents", "Rated", "ScoreSum")
           VALUES {values}
           ON CONFLICT ("Kind", "Day", "Item") DO UPDATE SET "Complaints" = "DailyFigures"."Complaints" + excluded."Complaints",
               "FirstContact" = "DailyFigures"."FirstContact" + excluded."FirstContact", "GoodwillCents" = "DailyFigures"."GoodwillCents" + excluded."GoodwillCents",
               "Rated" = "DailyFigures"."Rated" + excluded."Rated", "ScoreSum" = "DailyFigures"."ScoreSum" + excluded."ScoreSum";
           """;

    /// <summary>
    /// Counts every complaint again when the roll-up was counted in another time zone than the configured one, or
    /// not yet (right after the migration that created it, or after a bulk load that bypassed EF). One transaction.
    /// </summary>
    public async Task<bool> RebuildWhenStaleAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var stamp = Stamp;
        var countedIn = await db.DailyFigures.AsNoTracking().Where(f => f.Kind == DailyFigureKind.CountedIn).Select(f => f.Item).FirstOrDefaultAsync(cancellationToken);
        if (countedIn == stamp)
        {
            return false;
        }

        await RebuildAsync(db, cancellationToken);
        return true;
    }

    /// <summary>Counts every complaint again, from scratch.</summary>
    public async Task RebuildAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var zone = Zone;
        var changes = new Changes { Zone = zone };
        var all = db.Complaints.AsNoTracking().Select(c => new
        {
            Previous = EF.Property<DateTime?>(c, PreviousOfCustomerAt),
            Next = EF.Property<DateTime?>(c, NextOfCustomerAt),
            c.ReceivedAt,
            c.Status,
            FirstContact = (bool?)c.Resolution!.FirstContact ?? false,
            Goodwill = c.Resolution!.AmountCents ?? 0,
            c.SatisfactionScore,
            c.ProductKey,
            Minutes = (int?)c.Resolution!.MinutesToResolve ?? 0,
            Cause = c.Investigation == null ? null : c.Investigation.CauseCategory,
            c.RespondBy,
            c.StoreId,
            c.Regime,
            c.PromiseKept,
            c.ClockPausedSince,
        }).AsAsyncEnumerable();
        await foreach (var c in all.WithCancellation(cancellationToken))
        {
            var promise = Promising(c.RespondBy, c.StoreId, c.Regime, c.PromiseKept, c.Status, c.ClockPausedSince);
            Count(changes, Counting(c.ReceivedAt, zone, c.Status, c.FirstContact, c.Goodwill, c.SatisfactionScore, c.ProductKey, c.Minutes, c.Cause, promise), +1);
            changes.AddNeighbours(c.Previous, c.ReceivedAt, c.Next, +1);
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.DailyFigures.ExecuteDeleteAsync(cancellationToken);
            foreach (var chunk in changes.Rows.Chunk(100))
            {
                var part = new Changes();
                foreach (var (key, sums) in chunk)
                {
                    part.Rows[key] = sums;
                }

                await ApplyAsync(db, part, cancellationToken);
            }

            // The zone row counts nothing, and ApplyAsync leaves out rows without a change: it is written here.
            await db.Database.ExecuteSqlRawAsync(
                UpsertSql(db.Database.IsSqlServer(), "({0}, {1}, {2}, 0, 0, 0, 0, 0)"),
                [DailyFigureKind.CountedIn.ToString(), DateOnly.MinValue, Stamp],
                cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }
}
