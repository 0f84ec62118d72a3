using System.Text.Json;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Reporting;

/// <summary>
/// The dashboard's daily roll-up against the complaints themselves, over generated histories (fixed seeds, so a
/// failure replays): complaints recorded and resolved at any hour (around local midnight too), grouped into
/// investigations, given a cause and another cause, regrouped and merged, corrected to another product, rated,
/// moved to another customer, anonymised and closed, promised an answer and answered with the clock standing still,
/// and removed (which the app does not do today) — each step saved on its own, as the app does. After each history,
/// every figure for several periods (whole calendar months among them, which read monthly rows), repeat customers and
/// promises kept included, equals the figure counted from the complaints, and the roll-up kept step by step equals
/// one counted again from scratch.
/// </summary>
public sealed class DailyFiguresMatchTheComplaints
{
    private static readonly StaffMember Desk = new("s", "Sanne");
    private static readonly StaffMember Manager = new("m", "Daan", isManager: true);
    private static readonly DateTime Start = new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Products = ["Waterkoker", "Broodrooster", "Fiets", "Stofzuiger"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Every_figure_from_the_roll_up_equals_the_figure_counted_from_the_complaints(int seed)
    {
        await using var app = new KlantCentraalFactory();
        var random = new Random(seed);
        var at = Start;
        for (var step = 0; step < 120; step++)
        {
            at = at.AddMinutes(random.Next(1, 16 * 60));
            await app.WithDbAsync(db => StepAsync(db, random, at));
        }

        var days = (int)(at - Start).TotalDays + 2;
        // The whole history, one calendar month exactly, and a period with a whole month and days on either side
        // (read from monthly and daily rows), then random ones.
        var periods = new List<(DateOnly From, DateOnly To)>
        {
            (DateOnly.FromDateTime(Start).AddDays(-1), DateOnly.FromDateTime(at).AddDays(1)),
            (new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)),
            (new DateOnly(2026, 8, 20), new DateOnly(2026, 10, 4)),
        };
        for (var i = 0; i < 6; i++)
        {
            var from = DateOnly.FromDateTime(Start).AddDays(random.Next(days));
            periods.Add((from, from.AddDays(random.Next(0, days / 2))));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var promises = scope.ServiceProvider.GetRequiredService<PromiseReport>();
        var keptAndMissed = 0;
        foreach (var (from, to) in periods)
        {
            foreach (var by in new[] { ParetoBy.Count, ParetoBy.Cost })
            {
                var rolledUp = await queries.ComputeAsync(from, to, null, by, fromRollup: true, CancellationToken.None);
                var counted = await queries.ComputeAsync(from, to, null, by, fromRollup: false, CancellationToken.None);
                Assert.Equal(JsonSerializer.Serialize(counted), JsonSerializer.Serialize(rolledUp));
            }

            var promisesRolledUp = await promises.ComputeAsync(from, to, null, new Dictionary<int, string>(), fromRollup: true, CancellationToken.None);
            var promisesCounted = await promises.ComputeAsync(from, to, null, new Dictionary<int, string>(), fromRollup: false, CancellationToken.None);
            Assert.Equal(JsonSerializer.Serialize(promisesCounted), JsonSerializer.Serialize(promisesRolledUp));
            keptAndMissed += promisesCounted.Kept + promisesCounted.Missed;
        }

        Assert.True(keptAndMissed > 0, "no promise fell due in the periods");

        var kept = await app.WithDbAsync(RowsAsync);
        await app.WithDbAsync(async db =>
        {
            await scope.ServiceProvider.GetRequiredService<DailyFigures>().RebuildAsync(db, CancellationToken.None);
            return 0;
        });
        Assert.Equal(await app.WithDbAsync(RowsAsync), kept);
        Assert.Contains(kept, r => r.StartsWith("Cause", StringComparison.Ordinal) && !r.Contains("||", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_complaint_counts_on_its_local_day()
    {
        await using var app = new KlantCentraalFactory();
        // 23:30 UTC on 1 November is 00:30 on 2 November in Amsterdam.
        await app.WithDbAsync(db => RecordAsync(db, new Random(1), new DateTime(2026, 11, 1, 23, 30, 0, DateTimeKind.Utc)));

        var rows = await app.WithDbAsync(RowsAsync);

        Assert.Contains(rows, r => r.StartsWith("Total|2026-11-02|", StringComparison.Ordinal));
        // Only the monthly rows carry 1 November: as the first day of November.
        Assert.DoesNotContain(rows, r => r.Contains("2026-11-01", StringComparison.Ordinal) && !r.Contains("ByMonth|", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("ProductByMonth|2026-11-01|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_save_that_fails_leaves_the_daily_figures_as_they_were()
    {
        await using var app = new KlantCentraalFactory();
        var at = new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
        var resolvedId = await app.WithDbAsync(async db =>
        {
            var complaint = Complaint.Record(Customer.Create("Ann", null, null, null, at), new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, "Waterkoker", null, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund), TrackingCode.New(), Desk, at);
            complaint.Resolve(GrantTo(new Random(3), at), Desk, CoSignPolicy.Default, at, DateOnly.FromDateTime(at));
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync();
            return complaint.Id;
        });
        var before = await app.WithDbAsync(RowsAsync);

        // Two people rate the same complaint at once: the second save loses on the complaint's version.
        await using var firstScope = app.Services.CreateAsyncScope();
        await using var secondScope = app.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rated = await first.Complaints.Include(c => c.Customer).SingleAsync(c => c.Id == resolvedId);
        var late = await second.Complaints.Include(c => c.Customer).SingleAsync(c => c.Id == resolvedId);
        rated.GiveFeedback(5, null, at.AddHours(1));
        late.GiveFeedback(1, null, at.AddHours(2));
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var after = await app.WithDbAsync(RowsAsync);
        Assert.Contains(after, r => r.StartsWith("Total|2026-11-02|", StringComparison.Ordinal) && r.EndsWith("|1|5", StringComparison.Ordinal));
        Assert.NotEqual(before, after);
        await app.WithDbAsync(async db =>
        {
            await app.Services.GetRequiredService<DailyFigures>().RebuildAsync(db, CancellationToken.None);
            return 0;
        });
        Assert.Equal(await app.WithDbAsync(RowsAsync), after);
    }

    private static async Task<List<string>> RowsAsync(AppDbContext db) =>
        (await db.DailyFigures.AsNoTracking().Where(f => f.Complaints != 0 && f.Kind != DailyFigureKind.CountedIn).ToListAsync())
        .Select(f => $"{f.Kind}|{f.Day:yyyy-MM-dd}|{f.Item}|{f.Complaints}|{f.FirstContact}|{f.GoodwillCents}|{f.Rated}|{f.ScoreSum}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static async Task<int> StepAsync(AppDbContext db, Random random, DateTime at)
    {
        switch (random.Next(14))
        {
            case 13:
                // The app removes no complaint today; should it, the roll-up still follows (the customer's others are threaded again).
                if (await Pick(db.Complaints.OrderBy(x => x.Id).Include(c => c.Timeline).Include(c => c.Messages), random) is { } removed)
                {
                    db.Complaints.Remove(removed);
                }

                break;
            case 12:
                // The desk answers an unanswered complaint: a retail promise's clock stands still, so it no longer counts.
                if (await Pick(db.Complaints.OrderBy(x => x.Id).Include(c => c.Customer).Where(c => c.Status == ComplaintStatus.Received && c.RespondBy != null), random) is { } asked)
                {
                    asked.Reply("Mag ik een foto?", Desk, at, $"<{Guid.NewGuid():N}@test>");
                }

                break;
            case 0 or 1 or 2:
                return await RecordAsync(db, random, at);
            case 3:
                if (await Pick(db.Complaints.OrderBy(x => x.Id).Include(c => c.Customer).Where(c => c.Status == ComplaintStatus.Received), random) is { } received)
                {
                    received.Resolve(GrantTo(random, at), Desk, CoSignPolicy.Default, at, DateOnly.FromDateTime(at));
                }

                break;
            case 4:
                if (await Pick(db.Complaints.OrderBy(x => x.Id).Where(c => c.Status == ComplaintStatus.Resolved), random) is { } resolved)
                {
                    var open = await Pick(db.Investigations.OrderBy(x => x.Id).Where(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress), random);
                    if (open is null || random.Next(3) == 0)
                    {
                        db.Investigations.Add(RootCauseInvestigation.OpenFor(resolved, at, DateOnly.FromDateTime(at).AddDays(14)));
                    }
                    else
                    {
                        open.Add(resolved, at);
                    }
                }

                break;
            case 5:
                // The investigation's complaints stay in the database, untracked: the roll-up moves them to the new cause.
                if (await Pick(db.Investigations.OrderBy(x => x.Id).Where(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress), random) is { } analysed)
                {
                    analysed.RecordAnalysis(new InvestigationAnalysis([], (CauseCategory)random.Next(6), "Oorzaak", "Maatregel", null, null, null), Manager);
                }

                break;
            case 6:
                var active = await db.Investigations.Include(i => i.Complaints)
                    .Where(i => i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress).OrderBy(i => i.Id).ToListAsync();
                if (active.Count >= 2)
                {
                    var source = active[random.Next(active.Count)];
                    var target = active.First(i => i != source);
                    if (random.Next(4) == 0)
                    {
                        source.MergeInto(target, Manager, at);
                    }
                    else if (source.Complaints.Count > 0)
                    {
                        source.MoveComplaint(source.Complaints[random.Next(source.Complaints.Count)], target, Manager, at);
                    }
                }

                break;
            case 7:
                if (await Pick(db.Complaints.OrderBy(x => x.Id), random) is { } corrected)
                {
                    corrected.Correct(new ComplaintCorrection(corrected.Channel, corrected.Category, Products[random.Next(Products.Length)], random.Next(3) == 0 ? "ART-1" : null, null, null, corrected.Receipt, "Gecorrigeerd"), Desk, at);
                }

                break;
            case 8:
                if (await Pick(db.Complaints.OrderBy(x => x.Id).Include(c => c.Customer).Where(c => c.Status != ComplaintStatus.Received && c.SatisfactionScore == null), random) is { } rated)
                {
                    rated.GiveFeedback(random.Next(1, 6), null, at);
                }

                break;
            case 9:
                if (await Pick(db.Customers.OrderBy(x => x.Id).Where(c => c.AnonymisedAt == null), random) is { } erased)
                {
                    erased.Anonymise(at);
                    foreach (var complaint in await db.Complaints.Include(c => c.Timeline).Include(c => c.Messages).Where(c => c.CustomerId == erased.Id).ToListAsync())
                    {
                        complaint.RemovePersonalData();
                    }
                }

                break;
            case 10:
                if (await Pick(db.Complaints.OrderBy(x => x.Id), random) is { } moved && await Pick(db.Customers.OrderBy(x => x.Id).Where(c => c.AnonymisedAt == null && c.Id != moved.CustomerId), random) is { } other)
                {
                    moved.MoveToCustomer(other, Desk, at);
                }

                break;
            default:
                if (await Pick(db.Investigations.OrderBy(x => x.Id).Include(i => i.Complaints).Where(i => i.Status == InvestigationStatus.InProgress && i.CauseCategory != null), random) is { } fixedOne)
                {
                    fixedOne.MarkFixed("Beter scharnier", DateOnly.FromDateTime(at).AddDays(30), Manager, at, DateOnly.FromDateTime(at));
                }

                break;
        }

        return await db.SaveChangesAsync();
    }

    private static async Task<int> RecordAsync(AppDbContext db, Random random, DateTime at)
    {
        var customer = random.Next(3) == 0 ? await Pick(db.Customers.OrderBy(x => x.Id).Where(c => c.AnonymisedAt == null), random) : null;
        customer ??= Customer.Create($"Klant {random.Next(1000)}", null, null, null, at);
        var product = Products[random.Next(Products.Length)];
        var details = new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, product, random.Next(4) == 0 ? "ART-1" : null, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund);
        var complaint = Complaint.Record(customer, details, TrackingCode.New(), Desk, at);
        if (random.Next(3) == 0)
        {
            // Arrived unanswered, with a promise (issue 28) under one of two regimes: resolved later, kept or missed.
            complaint.Promise(DateOnly.FromDateTime(at).AddDays(random.Next(0, 4)), random.Next(2) == 0 ? Regime.Retail : Regime.Wkkgz);
        }
        else if (random.Next(4) != 0)
        {
            // Resolved at once (first contact) or some minutes later.
            var resolvedAt = random.Next(2) == 0 ? at : at.AddMinutes(random.Next(1, 300));
            complaint.Resolve(GrantTo(random, resolvedAt), Desk, CoSignPolicy.Default, resolvedAt, DateOnly.FromDateTime(resolvedAt));
        }

        db.Complaints.Add(complaint);
        return await db.SaveChangesAsync();
    }

    private static Resolution GrantTo(Random random, DateTime at) => random.Next(3) == 0
        ? Resolution.Grant(new GrantedResolution(ResolutionType.Repair, null, null, "Gerepareerd"), Desk, at)
        : Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(random.Next(1, 200) * 100L + random.Next(100)), RefundMethod.Cash, null), Desk, at);

    private static async Task<T?> Pick<T>(IQueryable<T> query, Random random)
        where T : class
    {
        var count = await query.CountAsync();
        return count == 0 ? null : await query.Skip(random.Next(count)).FirstAsync();
    }
}
