using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KlantCentraal.Domain;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests;

/// <summary>
/// The app as a real process on a real port, killed with SIGKILL in the middle of a write load: every complaint
/// a client got a tracking code for must exist afterwards with its resolution, its timeline and its queued
/// investigation (0 lost, 0 orphans), and the queue must then be processed completely.
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
        var port = FreePort();
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
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync();
        await killed.CancelAsync();
        await Task.WhenAll(writers);

        using var restarted = new KlantCentraalFactory(database);
        var codes = confirmed.ToHashSet();
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
    }

    /// <summary>Starts the built app (the copy in this test's output folder) and returns once it says it has started.</summary>
    private async Task<Process> StartAsync(string database, int port)
    {
        var folder = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var start = new ProcessStartInfo("dotnet", $"KlantCentraal.Web.dll --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        start.Environment["Seed__DemoComplaints"] = "false";
        start.Environment["RootCauseQueue__WorkerEnabled"] = "false";
        start.Environment["Privacy__JobEnabled"] = "false";
        start.Environment["Mail__PickupDirectory"] = Path.Combine(_folder, "mail");
        start.Environment["Serilog__MinimumLevel__Default"] = "Information";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The app stopped before it started."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
