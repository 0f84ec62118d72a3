using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>
/// Issue 26, finding 12: the store budget, the 30-day window and the second-manager rule are read-then-write. Two app
/// processes on one database (each with its own write gate) hammer one store's budget at once: what they grant without
/// a co-signature together never exceeds it (ADR 0025).
/// </summary>
public sealed class TwoProcessesOneBudget : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-budget", Guid.NewGuid().ToString("N"));

    public TwoProcessesOneBudget() => Directory.CreateDirectory(_folder);

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
    public async Task Two_processes_granting_against_one_monthly_budget_together_stay_within_it()
    {
        var database = Path.Combine(_folder, "budget.db");
        using var first = await AppProcess.StartAsync(database, _folder);
        using var second = await AppProcess.StartAsync(database, _folder);
        using (var store = KlantCentraalFactory.ForDatabase(database))
        {
            await store.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE Stores SET MonthlyBudgetCents = 30000 WHERE Code = 'AMS-01'"));
        }

        // Eight desks, four on each process, each sending € 100 refunds for new customers as fast as they can:
        // under the co-sign limit (€ 250), so only the budget (€ 300) can ask for a manager.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var app = i % 2 == 0 ? first : second;
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
            await client.SignInAsync(Accounts.StoresDesk);
            await client.PostFormAsync("/Desk/Store", new Dictionary<string, string> { ["Code"] = "AMS-01" });
            var statuses = new List<HttpStatusCode>();
            for (var n = 0; n < 3; n++)
            {
                statuses.Add((await client.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "100,00"))).StatusCode);
            }

            return statuses;
        })));

        var granted = answers.SelectMany(a => a).Count(s => s == HttpStatusCode.Redirect);
        Assert.Equal(3, granted);
        Assert.Equal(24 - 3, answers.SelectMany(a => a).Count(s => s == HttpStatusCode.OK));
        using var after = KlantCentraalFactory.ForDatabase(database);
        var uncosigned = await after.WithDbAsync(db => db.Complaints.Where(c => c.Resolution != null && c.Resolution.CoSignedById == null).SumAsync(c => c.Resolution!.AmountCents ?? 0));
        Assert.Equal(300_00, uncosigned);
    }
}
