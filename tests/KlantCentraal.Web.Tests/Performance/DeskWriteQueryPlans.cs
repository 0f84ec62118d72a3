using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Performance;

/// <summary>
/// #17: the desk's record-and-resolve must not get slower as the table grows. SQLite chooses its plans from the
/// schema alone (no statistics), so the plan of every query the write sends is checked here, over a small database,
/// for what would read a growing share of the complaints at a million: a scan, or a search by product (a popular
/// product has thousands of complaints; the "same complaint just now?" check once searched them all).
/// </summary>
public sealed class DeskWriteQueryPlans : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Every_query_of_the_desks_write_finds_complaints_by_customer_code_or_submission_never_by_scanning_or_by_product()
    {
        var recorded = new RecordedCommands();
        using var app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(recorded)));
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var form = await desk.GetHtmlAsync("/Desk");
        recorded.Commands.Clear();

        var response = await desk.PostAsync("/Desk", new FormUrlEncodedContent(DeskForm.Valid().With("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(form))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reads = recorded.Commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.Ordinal) && c.Sql.Contains("FROM \"Complaints\"", StringComparison.Ordinal)).ToList();
        Assert.True(reads.Count >= 3, $"only {reads.Count} reads of Complaints recorded");
        foreach (var read in reads)
        {
            var plan = await PlanAsync(read);
            Assert.False(plan.Any(step => (step.StartsWith("SCAN ", StringComparison.Ordinal) && step != "SCAN CONSTANT ROW") || step.Contains("IX_Complaints_ProductKey", StringComparison.Ordinal)), $"{read.Sql}\n-- plan:\n{string.Join('\n', plan)}");
        }
    }

    private async Task<List<string>> PlanAsync(RecordedCommand read)
    {
        await using var scope = _root.Services.CreateAsyncScope();
        var connection = (SqliteConnection)scope.ServiceProvider.GetRequiredService<Data.AppDbContext>().Database.GetDbConnection();
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
