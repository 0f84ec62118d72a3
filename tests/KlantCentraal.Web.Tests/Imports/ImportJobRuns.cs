using System.Net;
using System.Text;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Imports;

/// <summary>
/// Imports as jobs (issue 32, ADR 0036): progress from the database, pieces, and a job whose worker died. Each test has
/// a database of its own: a worker's round takes every job it may, so a neighbour's job whose lease ran out while a
/// busy machine was slow would be run too (issue 41).
/// </summary>
public sealed class ImportJobRuns : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_job_whose_worker_died_is_taken_over_and_goes_on_from_its_last_stored_piece()
    {
        var prefix = Prefix();
        var job = await StartAsync(prefix, 5000);
        // As a worker leaves it that stored the first piece and died: 2,000 rows done, its lease run out.
        await WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Done, ImportJobs.PieceSize).SetProperty(j => j.Added, ImportJobs.PieceSize)
            .SetProperty(j => j.LeaseOwner, "died").SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddMinutes(-1))));
        var admin = await AdminAsync();
        Assert.Contains("2.000 van 5.000 rij(en) opgeslagen (40 %)", WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Import/{job}")));

        Assert.Equal(1, await RunAsync());

        var page = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Import/{job}"));
        Assert.Contains("Import klaar: 5000 nieuwe winkel(s), 0 bijgewerkt, 0 ongewijzigd.", page);
        // The rows of the dead worker's piece were not stored again by this one: it went on at row 2,001.
        Assert.Equal(3000, await WithDbAsync(db => db.Stores.CountAsync(s => s.Code.StartsWith(prefix))));
        Assert.False(await WithDbAsync(db => db.Stores.AnyAsync(s => s.Code == $"{prefix}-1999")));
        Assert.True(await WithDbAsync(db => db.Stores.AnyAsync(s => s.Code == $"{prefix}-2000")));
        Assert.False(await WithDbAsync(db => db.ImportFiles.AnyAsync(f => f.JobId == job)));
    }

    [Fact]
    public async Task A_job_held_by_a_living_worker_is_left_to_it()
    {
        var prefix = Prefix();
        var job = await StartAsync(prefix, 10);
        await WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.LeaseOwner, "alive").SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddMinutes(1))));

        await RunAsync();

        Assert.False(await WithDbAsync(db => db.Stores.AnyAsync(s => s.Code.StartsWith(prefix))));
        var admin = await AdminAsync();
        Assert.Contains("In de wachtrij", await admin.GetHtmlAsync($"/Admin/Import/{job}"));
    }

    [Fact]
    public async Task A_file_that_no_longer_reads_as_it_was_checked_stops_the_job_with_what_to_do_and_stores_nothing()
    {
        var prefix = Prefix();
        var job = await StartAsync(prefix, 10);
        await WithDbAsync(db => db.ImportFiles.Where(f => f.JobId == job).ExecuteUpdateAsync(s => s.SetProperty(f => f.Text, "code;naam\nX;Y\n")));

        await RunAsync();

        var page = WebUtility.HtmlDecode(await (await AdminAsync()).GetHtmlAsync($"/Admin/Import/{job}"));
        Assert.Contains("De import is gestopt na 0 van 10 rij(en). Wat al is opgeslagen blijft staan. Kies het bestand opnieuw", page);
        Assert.DoesNotContain("Exception", page);
        Assert.False(await WithDbAsync(db => db.Stores.AnyAsync(s => s.Code.StartsWith(prefix))));
        Assert.False(await WithDbAsync(db => db.ImportFiles.AnyAsync(f => f.JobId == job)));
    }

    [Fact]
    public async Task The_progress_part_of_the_page_is_served_alone_for_the_page_to_ask_again_and_an_unknown_job_is_not_found()
    {
        var job = await StartAsync(Prefix(), 3);
        var admin = await AdminAsync();

        var progress = await admin.GetAsync($"/Admin/Import/{job}?handler=Progress");

        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        var html = WebUtility.HtmlDecode(await progress.Content.ReadAsStringAsync());
        Assert.Contains("0 van 3 rij(en) opgeslagen (0 %)", html);
        Assert.DoesNotContain("<html", html);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Import/{Guid.NewGuid()}")).StatusCode);
        await RunAsync();
    }

    [Fact]
    public async Task Only_an_administrator_sees_an_import()
    {
        var job = await StartAsync(Prefix(), 1);
        var desk = _factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var answer = await desk.GetAsync($"/Admin/Import/{job}");

        Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
        await RunAsync();
    }

    private static string Prefix() => "J" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private async Task<Guid> StartAsync(string prefix, int rows)
    {
        var csv = new StringBuilder("code;naam;plaats\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(prefix).Append('-').Append(i).Append(";Winkel ").Append(i).Append(";Plaats\n");
        }

        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImportJobs>().StartAsync(ImportKind.Stores, csv.ToString(), rows, "admin@test", CancellationToken.None);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImportJobs>().RunPendingAsync(CancellationToken.None);
    }

    private Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => _factory.WithDbAsync(work);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = _factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        return admin;
    }
}
