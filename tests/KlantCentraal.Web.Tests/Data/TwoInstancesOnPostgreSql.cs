using System.Net;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Mail;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>
/// Issue 30, item 7: the concurrency that several instances bring, on a real server engine with many writers
/// (SQLite has one). Each test has a database of its own on one PostgreSQL server; the instances are two hosts of the
/// app (their own services, write gates, leases and connections) or two app processes.
/// </summary>
public sealed class TwoInstancesOnPostgreSql(PostgreSqlServer postgres) : IClassFixture<PostgreSqlServer>, IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-postgres-apps", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _factory.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // No app process wrote letters.
        }
    }

    [Fact]
    public async Task The_desk_records_and_resolves_and_finds_the_complaint_and_the_manager_counts_it()
    {
        var app = Started(await postgres.NewDatabaseAsync());
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        var recorded = await desk.PostFormAsync("/Desk", DeskForm.Valid(product: "Stofzuiger Turbo"));

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var code = TrackingCode.Parse(recorded.TrackingCode());
        Assert.Contains(code.Display, await desk.GetHtmlAsync("/Desk/Complaints?q=stofzuiger"));
        Assert.Contains("Stofzuiger Turbo", await desk.GetHtmlAsync($"/Desk/Complaint/{code.Value}"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None));
        }

        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        Assert.Contains("Stofzuiger Turbo", await manager.GetHtmlAsync("/Manager"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Manager/Dashboard")).StatusCode);
    }

    /// <summary>ADR 0038: part of a name or phone number is found through pg_trgm's indexes, with the desk's own query.</summary>
    [Fact]
    public async Task The_desk_finds_a_customer_by_part_of_the_name_or_phone_through_the_trigram_indexes()
    {
        var searches = new SearchCommands();
        var database = await postgres.NewDatabaseAsync();
        var app = Started(database, s => s.AddSingleton<IInterceptor>(searches));
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.CustomerName", "Özlem Trigramsma").With("Input.Phone", "06 1357 9246"));

        Assert.Contains("Özlem Trigramsma", await desk.GetHtmlAsync("/Desk?find=ozlem TRIGRAM"));
        Assert.Contains("Özlem Trigramsma", await desk.GetHtmlAsync("/Desk?find=1357 92"));

        // A table this small is read whole, or in the order of its key, by choice; with those choices taken away (they
        // read every customer at ten million complaints) the plan must use the trigram indexes.
        var (sql, parameters) = Assert.Single(searches.Commands.Take(1));
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var explain = new Npgsql.NpgsqlCommand("SET enable_seqscan = off; SET enable_indexscan = off; EXPLAIN " + sql, connection);
        explain.Parameters.AddRange(parameters);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.True(plan.Any(step => step.Contains("IX_Customers_SearchName_Trigram", StringComparison.Ordinal)), string.Join('\n', plan));
        Assert.True(plan.Any(step => step.Contains("IX_Customers_Phone_Trigram", StringComparison.Ordinal)), string.Join('\n', plan));
    }

    /// <summary>The desk search's statements, with their parameters, to ask PostgreSQL for their plans.</summary>
    private sealed class SearchCommands : DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Sql, Npgsql.NpgsqlParameter[] Parameters)> Commands { get; } = new();

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"SearchName\" LIKE", StringComparison.Ordinal))
            {
                Commands.Enqueue((command.CommandText, command.Parameters.Cast<Npgsql.NpgsqlParameter>().Select(p => p.Clone()).ToArray()));
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task Two_instances_working_the_root_cause_queue_at_once_claim_every_item_once()
    {
        var database = await postgres.NewDatabaseAsync();
        var first = Started(database);
        var second = Started(database);
        for (var i = 0; i < 100; i++)
        {
            await RecordAsync(i % 2 == 0 ? first : second, $"Product {i}", $"klant{i}.{Guid.NewGuid():N}@example.nl");
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var working = new[] { first, second, first, second }.Select(app => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>();
            await go.Task;
            return await processor.ProcessPendingAsync(CancellationToken.None);
        })).ToList();
        go.SetResult();
        var counts = await Task.WhenAll(working);

        Assert.Equal(100, counts.Sum());
        await using var check = first.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        Assert.Equal(0, await db.RootCauseQueue.CountAsync(q => q.Status != QueueItemStatus.Done));
        Assert.Equal(100, await db.Investigations.CountAsync());
        Assert.All(await db.Investigations.Select(i => i.Complaints.Count).ToListAsync(), n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Two_instances_working_the_outbox_at_once_send_every_letter_exactly_once()
    {
        var database = await postgres.NewDatabaseAsync();
        var death = new DieAfterCommit();
        var dying = Started(database, s => s.AddSingleton<IInterceptor>(death));
        var emails = Enumerable.Range(0, 30).Select(i => $"once.{i}.{Guid.NewGuid():N}@example.nl").ToList();
        death.Armed = true;
        foreach (var email in emails)
        {
            // The request dies the moment its transaction commits: the complaint and its letter are stored, nothing sent.
            await Assert.ThrowsAsync<ProcessDied>(() => RecordAsync(dying, "Waterkoker", email));
        }

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));
        var first = Started(database, s => s.AddSingleton<TimeProvider>(clock));
        var second = Started(database, s => s.AddSingleton<TimeProvider>(clock));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var working = new[] { first, second, first, second }.Select(app => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            await go.Task;
            return await outbox.ProcessPendingAsync(CancellationToken.None);
        })).ToList();
        go.SetResult();
        var sent = await Task.WhenAll(working);

        Assert.Equal(emails.Count, sent.Sum());
        var letters = Directory.EnumerateFiles(_factory.MailPickup, "*.eml").Select(File.ReadAllText).ToList();
        Assert.All(emails, email => Assert.Single(letters, l => l.Contains(email, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_processes_granting_against_one_monthly_budget_together_stay_within_it()
    {
        var database = await postgres.NewDatabaseAsync();
        using var first = await AppProcess.StartAsync(string.Empty, _folder, settings: OnPostgreSql(database));
        using var second = await AppProcess.StartAsync(string.Empty, _folder, settings: OnPostgreSql(database));
        await using (var scope = Started(database).Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            await db.Stores.Where(s => s.Code == "AMS-01").ExecuteUpdateAsync(s => s.SetProperty(x => x.MonthlyBudgetCents, 300_00));
        }

        // Eight desks, four on each process, each sending € 100 refunds for new customers as fast as they can: under the
        // co-sign limit (€ 250), so only the store's budget (€ 300) can ask for a manager.
        var statuses = await DesksAsync(first, second, _ => DeskForm.Valid().With("Input.Amount", "100,00"));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Redirect or HttpStatusCode.OK, $"The desk got {s}"));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(24 - 3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(300_00, await UncosignedCentsAsync(database, _ => true));
    }

    [Fact]
    public async Task Two_processes_granting_one_customer_at_once_keep_the_thirty_day_window()
    {
        var database = await postgres.NewDatabaseAsync();
        using var first = await AppProcess.StartAsync(string.Empty, _folder, settings: OnPostgreSql(database));
        using var second = await AppProcess.StartAsync(string.Empty, _folder, settings: OnPostgreSql(database));
        var email = $"vaak.{Guid.NewGuid():N}@example.nl";

        // One customer at eight desks at once, € 100 each time: over 30 days € 250 is granted without a manager, so two.
        var statuses = await DesksAsync(first, second, _ => DeskForm.Valid(email).With("Input.Amount", "100,00"));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Redirect or HttpStatusCode.OK, $"The desk got {s}"));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(200_00, await UncosignedCentsAsync(database, c => c.Customer!.Email == email));
    }

    private static async Task<List<HttpStatusCode>> DesksAsync(AppProcess first, AppProcess second, Func<int, Dictionary<string, string>> form)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = (i % 2 == 0 ? first : second).BaseAddress };
            await client.SignInAsync(Accounts.StoresDesk);
            await client.PostFormAsync("/Desk/Store", new Dictionary<string, string> { ["Code"] = "AMS-01" });
            var statuses = new List<HttpStatusCode>();
            for (var n = 0; n < 3; n++)
            {
                statuses.Add((await client.PostFormAsync("/Desk", form(i))).StatusCode);
            }

            return statuses;
        })));
        return answers.SelectMany(a => a).ToList();
    }

    private async Task<long> UncosignedCentsAsync(string database, System.Linq.Expressions.Expression<Func<Complaint, bool>> which)
    {
        await using var scope = Started(database).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        return await db.Complaints.Where(which).Where(c => c.Resolution != null && c.Resolution.CoSignedById == null).SumAsync(c => c.Resolution!.AmountCents ?? 0);
    }

    /// <summary>An instance of the app on <paramref name="database"/>, started (and so migrated) before it is returned.</summary>
    private WebApplicationFactory<Program> Started(string database, Action<IServiceCollection>? services = null)
    {
        var app = _factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in OnPostgreSql(database))
            {
                b.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }

            b.ConfigureServices(s => services?.Invoke(s));
        });
        _ = app.Services;
        return app;
    }

    private static Dictionary<string, string> OnPostgreSql(string database) => new()
    {
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__PostgreSQL"] = database,
    };

    private static async Task RecordAsync(WebApplicationFactory<Program> app, string product, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(
            new RecordAndResolve(
                Guid.NewGuid(),
                new CustomerContact("Fatima el Amrani", email, null, "1012 AB"),
                new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, product, null, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund),
                new GrantedResolution(ResolutionType.Refund, new Money(2495), RefundMethod.Cash, null),
                new StaffMember("staff", "Sanne"))
            { Letter = new LetterContext("http://localhost/Track", "nl-NL") },
            CancellationToken.None);
    }

    private sealed class ProcessDied : Exception;

    private sealed class DieAfterCommit : DbTransactionInterceptor
    {
        public volatile bool Armed;

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
            Armed ? throw new ProcessDied() : Task.CompletedTask;
    }
}
