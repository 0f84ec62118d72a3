using System.Data.Common;
using System.Net;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Performance;

/// <summary>
/// #17 (query budgets, as Zammad's CI keeps them): every main page, as the role that uses it, runs at most the number
/// of SQL commands written next to it, and the same number over 10 and over 1,000 complaints — a page that queries
/// per row (N+1) fails here long before it is slow in production.
/// </summary>
public sealed class QueryBudgets(QueryBudgets.Databases databases) : IClassFixture<QueryBudgets.Databases>
{
    /// <summary>
    /// Page, who asks for it, and how many SQL commands one request may run. A signed-in page's first command reads
    /// the account once (session check, staff member and store access share it, <c>CurrentStaff</c>).
    /// </summary>
    public static readonly TheoryData<string, string, int> Pages = new()
    {
        { "/", "", 0 },
        { "/Track", "", 0 },
        { "/Complain", "", 1 },
        { "/Desk", Accounts.Desk, 8 }, // + the letters waiting too long (issue 27)
        { "/Desk/Complaints", Accounts.Desk, 4 },
        { "/Desk/Complaints?q=klant", Accounts.Desk, 4 },
        { "/Desk/Inbox", Accounts.Desk, 4 },
        { "/Desk/Complaint/{code}", Accounts.Desk, 8 },
        { "/Manager", Accounts.Manager, 6 },
        { "/Manager/Dashboard", Accounts.Manager, 15 }, // + promises kept per store and regime, the overdue ones (issue 28), whether reports are e-mailed (issue 29), the refunds owed (issue 43)
        { "/Manager/Stores", Accounts.Manager, 6 },
        { "/Manager/Customers", Accounts.Manager, 4 },
        { "/Manager/Investigation/{investigation}", Accounts.Manager, 8 },
        { "/Manager/Customer/{customer}", Accounts.Manager, 5 },
        { "/Admin/Staff", Accounts.Admin, 4 }, // + the letters waiting too long (issue 27)
        { "/Admin/Stores", Accounts.Admin, 3 },
        { "/Admin/Audit", Accounts.Admin, 3 },
        { "/Admin/Settings", Accounts.Admin, 1 },
        { "/Admin/ApiKeys", Accounts.Admin, 2 },
        { "/Admin/SavedReplies", Accounts.Admin, 2 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_stays_within_its_sql_budget_and_does_not_grow_with_the_number_of_complaints(string page, string account, int budget)
    {
        var few = await databases.Few.CommandsForAsync(page, account);
        var many = await databases.Many.CommandsForAsync(page, account);

        Assert.True(few <= budget, $"{page}: {few} SQL commands, budget {budget}");
        Assert.True(many == few, $"{page}: {few} SQL commands over 10 complaints, {many} over 1,000");
    }

    /// <summary>The same app twice: over 10 and over 1,000 generated complaints (and 200 stores), seeded once per run.</summary>
    public sealed class Databases : IAsyncLifetime, IDisposable
    {
        public Seeded Few { get; } = new(10);

        public Seeded Many { get; } = new(1_000);

        public Task InitializeAsync() => Task.WhenAll(Few.InitializeAsync(), Many.InitializeAsync());

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            Few.Dispose();
            Many.Dispose();
        }
    }

    /// <summary>The app over its own database with <paramref name="complaints"/> generated complaints, counting SQL commands.</summary>
    public sealed class Seeded(int complaints) : IDisposable
    {
        private readonly KlantCentraalFactory _root = new();
        private readonly CommandCounter _counter = new();
        private readonly Dictionary<string, HttpClient> _clients = [];
        private WebApplicationFactory<Program>? _app;
        private Dictionary<string, string> _ids = [];

        public async Task InitializeAsync()
        {
            _app = _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IInterceptor>(_counter)));
            _counter.Requests = _app.Services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await VolumeSeeder.RunAsync(db, complaints, TimeProvider.System, TextWriter.Null, CancellationToken.None);
            _ids = new Dictionary<string, string>
            {
                ["{code}"] = await db.Complaints.OrderBy(c => c.Id).Select(c => c.TrackingCode.Value).FirstAsync(),
                ["{investigation}"] = (await db.Investigations.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{customer}"] = (await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        public async Task<int> CommandsForAsync(string page, string account)
        {
            if (!_clients.TryGetValue(account, out var client))
            {
                client = _app!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
                if (account.Length > 0)
                {
                    await client.SignInAsync(account);
                }

                _clients[account] = client;
            }

            var url = _ids.Aggregate(page, (u, id) => u.Replace(id.Key, id.Value, StringComparison.Ordinal));
            await client.GetAsync(url); // warm: the first request builds caches (settings, stores)
            _counter.Reset();
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return _counter.Count;
        }

        public void Dispose()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _app?.Dispose();
            _root.Dispose();
        }
    }

    /// <summary>Counts the commands of requests only: a background worker's round (the settings refresh every 30 s) is not the page's.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public Microsoft.AspNetCore.Http.IHttpContextAccessor? Requests { get; set; }

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
        {
            if (Requests?.HttpContext is not null)
            {
                Interlocked.Increment(ref _count);
            }

            return result;
        }
    }
}
