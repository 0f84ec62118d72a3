using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using KlantCentraal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>Issue 30, item 1: backups of the running SQLite database, scheduled and before migrations, and a restore that finds everything.</summary>
public sealed class BackupAndRestore : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-backup", Guid.NewGuid().ToString("N"));

    public BackupAndRestore() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
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
    public async Task A_backup_taken_under_write_load_restores_into_a_fresh_instance_with_every_confirmed_complaint()
    {
        var database = Path.Combine(_folder, "live.db");
        var backup = Path.Combine(_folder, "copies", "tonight.db");
        var confirmed = new ConcurrentQueue<string>();
        List<string> beforeBackup;
        (int ExitCode, string Output) command;
        using (var app = await AppProcess.StartAsync(database, _folder, settings: new Dictionary<string, string> { ["RateLimits__ComplaintsPerClientPerHour"] = "100000" }))
        {
            using var stop = new CancellationTokenSource();
            var desks = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
                await client.SignInAsync(Accounts.Desk);
                while (!stop.IsCancellationRequested)
                {
                    var answer = await client.PostFormAsync("/Desk", DeskForm.Valid());
                    Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
                    confirmed.Enqueue(answer.TrackingCode());
                }
            })).ToList();
            while (confirmed.Count < 30 && desks.All(d => !d.IsCompleted))
            {
                await Task.WhenAny(desks.Append(Task.Delay(50))); // waiting for the desks to confirm complaints, not for a clock
            }

            beforeBackup = [.. confirmed];
            command = await RunAsync("backup", backup, database);
            var duringBackup = confirmed.Count - beforeBackup.Count;
            await stop.CancelAsync();
            await Task.WhenAll(desks);
            Assert.True(duringBackup > 0, "the desks kept writing while the backup ran");
        }

        Assert.Equal(0, command.ExitCode);
        Assert.Contains("written to", command.Output, StringComparison.Ordinal);
        using var restored = KlantCentraalFactory.ForDatabase(backup);
        var codes = await restored.WithDbAsync(db => db.Complaints.Select(c => c.TrackingCode.Value).ToListAsync());
        Assert.Empty(beforeBackup.Except(codes));
        Assert.Equal("ok", await restored.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").AsAsyncEnumerable().FirstAsync().AsTask()));
        var desk = restored.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        Assert.Contains(KlantCentraal.Domain.TrackingCode.Parse(beforeBackup[0]).Display, await desk.GetHtmlAsync($"/Desk/Complaint/{beforeBackup[0]}"));
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_says_what_to_do()
    {
        var database = Path.Combine(_folder, "live.db");
        using (var factory = KlantCentraalFactory.ForDatabase(database))
        {
            _ = factory.Services;
        }

        var existing = Path.Combine(_folder, "taken.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var (exitCode, output) = await RunAsync("backup", existing, database);

        Assert.Equal(1, exitCode);
        Assert.Contains("exists already: a backup never overwrites a file", output, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    /// <summary>Issue 41, finding 10: the database and its backups hold every customer's data; only the app's user reads them.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_new_database_and_a_backup_are_readable_by_their_owner_only()
    {
        var database = Path.Combine(_folder, "owner-only.db");
        using (var factory = KlantCentraalFactory.ForDatabase(database))
        {
            _ = factory.Services;
        }

        var backup = Path.Combine(_folder, "owner-only-backup.db");
        var (exitCode, output) = await RunAsync("backup", backup, database);

        Assert.Equal(0, exitCode);
        Assert.Contains("written to", output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
    }

    [Fact]
    public async Task A_start_that_migrates_an_existing_database_backs_it_up_first()
    {
        var database = Path.Combine(_folder, "older.db");
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Notes (Text TEXT); INSERT INTO Notes VALUES ('van voor de migratie');";
            await create.ExecuteNonQueryAsync();
        }

        using (var factory = KlantCentraalFactory.ForDatabase(database))
        {
            _ = factory.Services;
        }

        var before = Assert.Single(Directory.GetFiles(Path.Combine(_folder, "backups"), "before-*Baseline*.db"));
        await using var copy = new SqliteConnection($"Data Source={before};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var read = copy.CreateCommand();
        read.CommandText = "SELECT Text FROM Notes";
        Assert.Equal("van voor de migratie", await read.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Scheduled_backups_are_written_once_per_time_the_schedule_names_and_only_the_newest_are_kept()
    {
        using var factory = new KlantCentraalFactory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.Zero)); // 02:30 in Amsterdam
        var folder = Path.Combine(_folder, "nightly");
        var options = Options.Create(new BackupOptions { Schedule = "0 2 * * *", Keep = 2, Directory = folder });

        var written = new List<int>();
        for (var night = 0; night < 3; night++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var backups = ActivatorUtilities.CreateInstance<Backups>(scope.ServiceProvider, options, clock);
            written.Add(await backups.RunDueAsync(_folder, CancellationToken.None));
            written.Add(await backups.RunDueAsync(_folder, CancellationToken.None));
            clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal([1, 0, 1, 0, 1, 0], written);
        var kept = Directory.GetFiles(folder, "klantcentraal-*.db").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["klantcentraal-20261202-013000.db", "klantcentraal-20261203-013000.db"], kept);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string file, string database)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "KlantCentraal.Web.dll", command, file },
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TestServers.Patience.BeforeCallingItAHang);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
