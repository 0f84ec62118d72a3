using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Web.Investigations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Performance;

/// <summary>
/// #17: the writes must not get slower as the tables grow. SQLite chooses its plans from the schema alone (no
/// statistics), so the plan of every query a write sends is checked here, over a small database, for what would read
/// a growing share of a table at a million complaints: a scan, or a search of complaints by product (a popular product
/// has thousands; the desk's "same complaint just now?" check once searched them all).
/// </summary>
public sealed partial class WriteQueryPlans : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    private readonly List<IDisposable> _recording = [];

    public void Dispose()
    {
        _recording.ForEach(app => app.Dispose());
        _root.Dispose();
    }

    /// <summary>The app recording every statement it sends, with a client signed in as <paramref name="account"/> (null: a customer).</summary>
    private async Task<(WebApplicationFactory<Program> App, HttpClient Client, RecordedCommands Recorded)> RecordingAsync(string? account)
    {
        var recorded = new RecordedCommands();
        var app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(recorded)));
        _recording.Add(app);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (account is not null)
        {
            await client.SignInAsync(account);
        }

        return (app, client, recorded);
    }

    [Fact]
    public async Task Every_query_of_the_desks_write_finds_complaints_by_customer_code_or_submission_never_by_scanning_or_by_product()
    {
        var (_, desk, recorded) = await RecordingAsync(Accounts.Desk);
        var form = await desk.GetHtmlAsync("/Desk");
        recorded.Commands.Clear();

        var response = await desk.PostAsync("/Desk", new FormUrlEncodedContent(DeskForm.Valid().With("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(form))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(recorded.Commands.Count(c => c.Sql.Contains("FROM \"Complaints\"", StringComparison.Ordinal)) >= 3, "too few reads of Complaints recorded");
        await AssertNoGrowingReadsAsync(recorded);
    }

    /// <summary>Issue 32: a customer known by name and postcode only cannot be found again; the desk's write does not ask.</summary>
    [Fact]
    public async Task A_desk_write_for_a_customer_without_email_or_phone_sends_no_query_that_can_find_nothing()
    {
        var (_, desk, recorded) = await RecordingAsync(Accounts.Desk);
        var form = await desk.GetHtmlAsync("/Desk");
        recorded.Commands.Clear();

        var response = await desk.PostAsync("/Desk", new FormUrlEncodedContent(DeskForm.Valid().With("Input.Email", "").With("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(form))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(recorded.Commands, c => WhereNothing().IsMatch(c.Sql));
        Assert.Contains(recorded.Commands, c => c.Sql.Contains("INSERT INTO \"Complaints\"", StringComparison.Ordinal));
    }

    /// <summary>Issue 32: at ten million complaints the customer scan of a search takes a second; an exact tracking code does not need it.</summary>
    [Fact]
    public async Task A_search_for_an_exact_tracking_code_lists_that_complaint_without_scanning_the_customers()
    {
        var (_, desk, recorded) = await RecordingAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        recorded.Commands.Clear();

        var list = await desk.GetHtmlAsync($"/Desk/Complaints?q={code}");

        Assert.Contains(Domain.TrackingCode.Parse(code).Display, list, StringComparison.Ordinal);
        Assert.DoesNotContain(recorded.Commands, c => c.Sql.Contains("FROM \"CustomerSearch\"", StringComparison.Ordinal));
        recorded.Commands.Clear();
        await desk.GetHtmlAsync("/Desk/Complaints?q=klant");
        Assert.Contains(recorded.Commands, c => c.Sql.Contains("FROM \"CustomerSearch\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 32: a search for part of a name, e-mail address or phone number scanned every customer (a second at ten
    /// million complaints); the trigram index answers it (ADR 0038), on every page that searches customers.
    /// </summary>
    [Fact]
    public async Task Searching_customers_by_part_of_a_name_email_or_phone_reads_the_trigram_index_never_every_customer()
    {
        var (app, desk, recorded) = await RecordingAsync(Accounts.Desk);
        var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.CustomerName", "Özlem Trigramsma").With("Input.Phone", "06 1357 9246"));
        recorded.Commands.Clear();

        var found = new[]
        {
            await desk.GetHtmlAsync("/Desk?find=ozlem trigram"),
            await desk.GetHtmlAsync("/Desk?find=1357 92"),
            await desk.GetHtmlAsync("/Desk/Complaints?q=Trigramsma"),
            await manager.GetHtmlAsync("/Manager/Customers?q=rigramsm"),
        };

        Assert.All(found, html => Assert.Contains("Özlem Trigramsma", html, StringComparison.Ordinal));
        Assert.Contains(recorded.Commands, c => c.Sql.Contains("FROM \"CustomerSearch\"", StringComparison.Ordinal));
        await AssertNoGrowingReadsAsync(recorded, productRanges: true);
    }

    /// <summary>Issue 32: a popular product's investigation has ten thousand complaints at ten million; summing their goodwill read each one.</summary>
    [Fact]
    public async Task The_investigation_list_counts_and_sums_each_investigations_complaints_from_an_index_without_reading_them()
    {
        var (_, manager, recorded) = await RecordingAsync(Accounts.Manager);
        recorded.Commands.Clear();

        await manager.GetHtmlAsync("/Manager?show=all&q=waterkoker");

        var sums = recorded.Commands.Where(c => c.Sql.Contains("SUM(", StringComparison.Ordinal) && c.Sql.Contains("\"InvestigationId\" = ", StringComparison.Ordinal)).DistinctBy(c => c.Sql).ToList();
        Assert.NotEmpty(sums);
        foreach (var sum in sums)
        {
            var plan = await PlanAsync(sum);
            Assert.True(plan.Any(step => step.Contains("USING COVERING INDEX IX_Complaints_InvestigationGoodwill", StringComparison.Ordinal))
                && !plan.Any(step => step.Contains("USING INDEX IX_Complaints_InvestigationId", StringComparison.Ordinal)), $"{sum.Sql}\n-- plan:\n{string.Join('\n', plan)}");
        }
    }

    [GeneratedRegex(@"WHERE 0\b")]
    private static partial Regex WhereNothing();

    [Fact]
    public async Task The_online_form_the_customers_message_and_the_workers_triage_read_no_growing_share_of_any_table()
    {
        var (app, customer, recorded) = await RecordingAsync(null);
        recorded.Commands.Clear();

        var sent = await customer.PostFormAsync("/Complain", OnlineForm.Valid("plans.online@example.nl"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var code = await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == "plans.online@example.nl").Select(c => c.TrackingCode.Value).SingleAsync());
        var status = (await customer.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "plans.online@example.nl" })).Location();
        var page = await customer.GetHtmlAsync(status);
        var message = await customer.PostAsync(status.Replace("/Track/Status?", "/Track/Status?handler=Message&", StringComparison.Ordinal), new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("Nog een vraag over mijn klacht."), "MessageText" },
        });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, message.StatusCode);
        Assert.Contains(recorded.Commands, c => c.Sql.Contains("\"Investigations\"", StringComparison.Ordinal));
        await AssertNoGrowingReadsAsync(recorded);
    }

    /// <summary>Tables whose size does not grow with the complaints (stores, staff, settings): a scan there is fine.</summary>
    private static readonly HashSet<string> Bounded = ["Stores", "StoreMemberships", "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "AspNetUserClaims", "AspNetRoleClaims", "AspNetUserLogins", "AspNetUserTokens", "OrganisationSettings", "SavedReplies", "DataProtectionKeys", "ApiKeys", "WebhookEndpoints"];

    /// <param name="recorded">The statements sent.</param>
    /// <param name="productRanges">The complaint list also finds complaints by a product's first letters, an index range it asks for.</param>
    private async Task AssertNoGrowingReadsAsync(RecordedCommands recorded, bool productRanges = false)
    {
        var checkedPlans = 0;
        foreach (var read in recorded.Commands.Where(c => !c.Sql.TrimStart().StartsWith("INSERT", StringComparison.Ordinal)).DistinctBy(c => c.Sql))
        {
            var tables = TableNames().Matches(read.Sql).Select(m => m.Groups[1].Value).ToHashSet();
            if (tables.IsSubsetOf(Bounded))
            {
                continue;
            }

            var plan = await PlanAsync(read);
            checkedPlans++;
            // A subquery's own rows (a CO-ROUTINE or MATERIALIZE step, bounded by its LIMIT) are read whole, not a table.
            var subqueries = plan.Where(step => step.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || step.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
                .Select(step => "SCAN " + step[(step.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToHashSet();
            Assert.False(plan.Any(step => (step.StartsWith("SCAN ", StringComparison.Ordinal) && step != "SCAN CONSTANT ROW" && !subqueries.Contains(step) && !IndexedVirtualTable().IsMatch(step)) || (!productRanges && step.Contains("IX_Complaints_ProductKey", StringComparison.Ordinal))), $"{read.Sql}\n-- plan:\n{string.Join('\n', plan)}");
        }

        Assert.True(checkedPlans >= 5, $"only {checkedPlans} statements on growing tables were recorded");
    }

    /// <summary>A virtual table (the FTS5 trigram index) asked with a constraint it answers from its index: "INDEX 0:L0", not "INDEX 0:".</summary>
    [GeneratedRegex(@"^SCAN \w+ VIRTUAL TABLE INDEX \d+:\S")]
    private static partial Regex IndexedVirtualTable();

    [GeneratedRegex("(?:FROM|JOIN|UPDATE|INTO) \"(\\w+)\"")]
    private static partial Regex TableNames();

    private async Task<List<string>> PlanAsync(RecordedCommand read)
    {
        await using var scope = _root.Services.CreateAsyncScope();
        var connection = (SqliteConnection)scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + read.Sql;
        foreach (var (name, value) in read.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class RecordedCommands : DbCommandInterceptor
    {
        public ConcurrentQueue<RecordedCommand> Commands { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(new RecordedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
