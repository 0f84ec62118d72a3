using System.Collections.Concurrent;
using System.Net;
using KlantCentraal.Domain;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>
/// The app as a real process on a real port, killed with SIGKILL in the middle of a write load: every complaint
/// a client got a tracking code for must exist afterwards with its resolution, its timeline and its queued
/// investigation (0 lost, 0 orphans), the queue must then be processed completely, and every confirmation e-mail
/// owed must go out.
/// </summary>
public sealed class CrashSafety : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-crash", Guid.NewGuid().ToString("N"));

    public CrashSafety() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Removed with the temp folder later; the result does not depend on it.
        }
    }

    [Fact]
    public async Task A_sigkill_during_a_write_load_loses_no_confirmed_complaint_and_leaves_no_orphan()
    {
        var database = Path.Combine(_folder, "crash.db");
        var port = LoopbackPort.Free();
        using var app = await StartAsync(database, port);
        var confirmed = new ConcurrentBag<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var killed = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await client.SignInAsync(Accounts.Desk);
            var token = HttpClientExtensions.AntiforgeryToken(await client.GetHtmlAsync("/Desk"));
            while (!killed.IsCancellationRequested)
            {
                var form = DeskForm.Valid();
                form["__RequestVerificationToken"] = token;
                try
                {
                    var response = await client.PostAsync("/Desk", new FormUrlEncodedContent(form), killed.Token);
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        confirmed.Add(response.TrackingCode());
                        if (confirmed.Count >= 60)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    return;
                }
            }
        })).ToList();

        // Kill as soon as a good number of complaints were confirmed to clients, while the writers keep going.
        // Or until every writer stopped (the app died first): then the assertion below says so, instead of a clock.
        await Task.WhenAny(enough.Task, Task.WhenAll(writers));
        Assert.True(enough.Task.IsCompletedSuccessfully, $"The app stopped answering after {confirmed.Count} confirmed complaints.");
        app.Process.Kill(entireProcessTree: true);
        await app.Process.WaitForExitAsync();
        await killed.CancelAsync();
        await Task.WhenAll(writers);

        using var restarted = KlantCentraalFactory.ForDatabase(database);
        var codes = confirmed.Select(KlantCentraal.Domain.TrackingCode.Parse).ToHashSet();
        await restarted.WithDbAsync(async db =>
        {
            var stored = await db.Complaints.AsNoTracking().Include(c => c.Timeline).Where(c => codes.Contains(c.TrackingCode)).ToListAsync();
            Assert.Equal(codes.Count, stored.Count);
            Assert.All(stored, c =>
            {
                Assert.NotNull(c.Resolution);
                Assert.Equal(3, c.Timeline.Count);
            });
            var orphans = await db.Complaints.CountAsync(c => c.Status == ComplaintStatus.Resolved && !db.RootCauseQueue.Any(q => q.ComplaintId == c.Id));
            Assert.Equal(0, orphans);
            Assert.Equal(0, await db.Complaints.CountAsync(c => c.Resolution == null));
            return true;
        });

        await using (var scope = restarted.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        Assert.Equal(0, await restarted.WithDbAsync(db => db.RootCauseQueue.CountAsync(q => q.Status != QueueItemStatus.Done)));
        Assert.Equal(0, await restarted.WithDbAsync(db => db.Complaints.CountAsync(c => c.InvestigationId == null)));

        // Every confirmation owed went out: the dead process sent most; what it had not, the outbox sends once the
        // leases have run out. A letter sent just before the kill but not yet marked goes out twice (at least once,
        // never lost): at most one per request in flight.
        using var later = restarted.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5)))));
        await using (var scope = later.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Mail.MailOutbox>().ProcessPendingAsync(CancellationToken.None);
        }

        var emails = await restarted.WithDbAsync(db => db.Complaints.Where(c => codes.Contains(c.TrackingCode)).Select(c => c.Customer!.Email!).ToListAsync());
        Assert.Equal(0, await restarted.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.SentAt == null)));
        var letters = new[] { Path.Combine(_folder, "mail"), restarted.MailPickup }
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.eml"))
            .Select(File.ReadAllText)
            .ToList();
        var perCustomer = emails.Select(email => letters.Count(l => l.Contains(email, StringComparison.Ordinal))).ToList();
        Assert.All(perCustomer, n => Assert.True(n >= 1, "a confirmed complaint's customer got no confirmation"));
        Assert.True(perCustomer.Sum() - perCustomer.Count <= 4, $"{perCustomer.Sum() - perCustomer.Count} letters went out twice");
    }

    [Fact]
    public async Task Two_app_instances_on_one_database_never_take_the_same_investigation_work()
    {
        var database = Path.Combine(_folder, "shared.db");
        var ports = new[] { LoopbackPort.Free(), LoopbackPort.Free() };
        using var first = await StartAsync(database, ports[0], worker: true);
        using var second = await StartAsync(database, ports[1], worker: true);

        var codes = await Task.WhenAll(ports.Select(port => Task.Run(async () =>
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await client.SignInAsync(Accounts.Desk);
            var token = HttpClientExtensions.AntiforgeryToken(await client.GetHtmlAsync("/Desk"));
            var made = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                // A few products only, so both instances' workers keep grouping into the same investigations.
                var form = DeskForm.Valid(product: $"Gedeeld product {i % 3}");
                form["__RequestVerificationToken"] = token;
                made.Add((await client.PostAsync("/Desk", new FormUrlEncodedContent(form))).TrackingCode());
            }

            return made;
        })));
        foreach (var app in new[] { first, second })
        {
            app.Process.Kill(entireProcessTree: true);
            await app.Process.WaitForExitAsync();
        }

        // Whatever the two workers left (or held a lease on when they died) is finished after the leases expire.
        using var after = KlantCentraalFactory.ForDatabase(database);
        using var later = after.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5)))));
        await using (var scope = later.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        await after.WithDbAsync(async db =>
        {
            Assert.Equal(80, await db.Complaints.CountAsync());
            Assert.Equal(0, await db.RootCauseQueue.CountAsync(q => q.Status != QueueItemStatus.Done));
            Assert.Equal(0, await db.Complaints.CountAsync(c => c.InvestigationId == null));
            Assert.Equal(0, await db.Investigations.CountAsync(i => !db.Complaints.Any(c => c.InvestigationId == i.Id)));
            var joins = await db.TimelineEvents.Where(e => e.Kind == TimelineEventKind.JoinedInvestigation).GroupBy(e => e.ComplaintId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(80, joins.Count);
            Assert.All(joins, n => Assert.Equal(1, n));
            Assert.Equal(3, await db.Investigations.CountAsync());
            return true;
        });
        Assert.Equal(80, codes.SelectMany(c => c).Distinct().Count());
    }

    private Task<AppProcess> StartAsync(string database, int port, bool worker = false) => AppProcess.StartAsync(database, _folder, worker, port);
}
