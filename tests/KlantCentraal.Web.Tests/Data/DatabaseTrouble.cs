using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>The database locked or gone: a friendly answer, the input kept, nothing stored, health says so.</summary>
public sealed class DatabaseTrouble : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly Switchable _trouble = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public DatabaseTrouble() =>
        _app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(_trouble)));

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task A_locked_database_gives_503_with_everything_typed_still_there_and_nothing_stored()
    {
        var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Slot {Guid.NewGuid():N}";
        var html = await desk.GetHtmlAsync("/Desk");
        var form = DeskForm.Valid(product: product);
        form["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html);

        _trouble.LockWrites = true;
        var response = await desk.PostAsync("/Desk", new FormUrlEncodedContent(form));
        _trouble.LockWrites = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Het systeem is even niet bereikbaar.", page);
        Assert.Contains(product, page);
        Assert.Contains("value=\"24,95\"", page);
        Assert.Equal(0, await _root.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));

        var retry = await desk.PostAsync("/Desk", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
    }

    [Fact]
    public async Task Health_reports_unhealthy_while_the_database_cannot_be_opened()
    {
        var client = _app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        _trouble.RefuseConnections = true;
        var response = await client.GetAsync("/health");
        _trouble.RefuseConnections = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Turns a locked database (SQLITE_BUSY on writes) or an unreachable one on and off.</summary>
    private sealed class Switchable : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public volatile bool LockWrites;
        public volatile bool RefuseConnections;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            LockWrites && command.CommandText.Contains("INSERT INTO \"Complaints\"", StringComparison.Ordinal)
                ? throw new SqliteException("database is locked", 5)
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            RefuseConnections ? throw new SqliteException("unable to open database file", 14) : ValueTask.FromResult(result);

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            RefuseConnections ? throw new SqliteException("unable to open database file", 14) : result;
    }
}
