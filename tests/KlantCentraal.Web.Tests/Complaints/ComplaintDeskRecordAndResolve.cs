using System.Data.Common;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Complaints;

public class ComplaintDeskRecordAndResolve(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Leaves_no_row_behind_when_queueing_the_investigation_fails_part_way()
    {
        using var failing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(new FailOnInsertInto("RootCauseQueue"))));
        var email = $"atomic.{Guid.NewGuid():N}@example.nl";
        await using var scope = failing.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        var command = new RecordAndResolve(
            Guid.NewGuid(),
            new CustomerContact("Atoom Test", email, null, "1234AB"),
            new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, "Product", null, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund),
            new GrantedResolution(ResolutionType.Refund, new Money(2495), RefundMethod.Cash, null),
            new StaffMember("staff", "Sanne"));

        var before = await factory.WithDbAsync(RowCountsAsync);

        await Assert.ThrowsAsync<DbUpdateException>(() => desk.RecordAndResolveAsync(command, CancellationToken.None));

        Assert.Equal(before, await factory.WithDbAsync(RowCountsAsync));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Email == email)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.SubmissionId == command.SubmissionId)));
    }

    [Fact]
    public async Task A_browser_that_goes_away_mid_request_leaves_nothing_behind_and_is_no_server_error()
    {
        var inserting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new DeskPostOutcome();
        using var app = factory.WithWebHostBuilder(b => b
            .UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Information")
            .ConfigureTestServices(s => s
            .AddSingleton<IInterceptor>(new HangOnInsertInto("Complaints", inserting))
            .AddSingleton<IStartupFilter>(outcome)));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotNull(app.Services.GetService<Serilog.ILogger>()); // the request log writes to this app's sinks
        await client.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid();
        form["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(await client.GetHtmlAsync("/Desk"));
        var before = await factory.WithDbAsync(RowCountsAsync);
        using var browser = new CancellationTokenSource();

        var post = client.PostAsync("/Desk", new FormUrlEncodedContent(form), browser.Token);
        Assert.Same(inserting.Task, await Task.WhenAny(inserting.Task, post));
        await browser.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        var (status, escaped) = await outcome.Done.Task.WaitAsync(TestServers.Patience.BeforeCallingItAHang);
        Assert.Null(escaped);
        Assert.Equal(ClientDisconnects.ClientClosedRequest, status);
        // The request log (written inside the outcome middleware, so already there) calls it 499, not a 500 error.
        Assert.Contains(factory.Logged.Messages, m => m.Contains("/Desk", StringComparison.Ordinal) && m.Contains("responded 499", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logged.Messages, m => m.Contains("responded 500", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logged.Messages, m => m.Contains("error occurred", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await factory.WithDbAsync(RowCountsAsync));
    }

    /// <summary>The outermost middleware: how the desk's POST ended for the server, once it has ended.</summary>
    private sealed class DeskPostOutcome : IStartupFilter
    {
        public TaskCompletionSource<(int Status, Exception? Escaped)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/Desk")
                {
                    await inner(context);
                    return;
                }

                try
                {
                    await inner(context);
                    Done.TrySetResult((context.Response.StatusCode, null));
                }
                catch (Exception ex)
                {
                    Done.TrySetResult((context.Response.StatusCode, ex));
                    throw;
                }
            });
            next(app);
        };
    }

    /// <summary>Holds the INSERT into one table until the request is cancelled, and says when it got there.</summary>
    private sealed class HangOnInsertInto(string table, TaskCompletionSource reached) : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal))
            {
                reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return result;
        }
    }

    private static async Task<(int, int, int, int, int)> RowCountsAsync(AppDbContext db) => (
        await db.Customers.CountAsync(),
        await db.Complaints.CountAsync(),
        await db.TimelineEvents.CountAsync(),
        await db.RootCauseQueue.CountAsync(),
        await db.AuditEntries.CountAsync());

    [Fact]
    public async Task Stores_all_of_it_when_nothing_fails()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        var command = new RecordAndResolve(
            Guid.NewGuid(),
            new CustomerContact("Heel Test", $"whole.{Guid.NewGuid():N}@example.nl", null, null),
            new ComplaintDetails(Channel.Phone, ComplaintCategory.Delivery, "Pakket", null, null, null, ReceiptStatus.Unknown, "Niet bezorgd", ResolutionType.Voucher),
            new GrantedResolution(ResolutionType.Voucher, new Money(1000), null, null),
            new StaffMember("staff", "Sanne"));

        var recorded = await desk.RecordAndResolveAsync(command, CancellationToken.None);

        await factory.WithDbAsync(async db =>
        {
            var complaint = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(recorded.TrackingCode));
            Assert.Equal(3, complaint.Timeline.Count);
            Assert.True(await db.RootCauseQueue.AnyAsync(q => q.ComplaintId == complaint.Id));
            return true;
        });
    }

    [Fact]
    public async Task Draws_another_tracking_code_when_the_first_one_is_taken()
    {
        await using var first = factory.Services.CreateAsyncScope();
        var taken = (await first.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(Command(), CancellationToken.None)).TrackingCode;
        var fresh = TrackingCode.New();
        using var colliding = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TrackingCodeSource>(new Scripted(taken, fresh.Value))));
        await using var scope = colliding.Services.CreateAsyncScope();

        var recorded = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(Command(), CancellationToken.None);

        Assert.Equal(fresh.Value, recorded.TrackingCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(taken))));
    }

    private static RecordAndResolve Command() => new(
        Guid.NewGuid(),
        new CustomerContact("Code Test", $"code.{Guid.NewGuid():N}@example.nl", null, null),
        new ComplaintDetails(Channel.Phone, ComplaintCategory.Delivery, "Pakket", null, null, null, ReceiptStatus.Unknown, "Niet bezorgd", ResolutionType.Apology),
        new GrantedResolution(ResolutionType.Apology, null, null, "Excuses"),
        new StaffMember("staff", "Sanne"));

    /// <summary>Hands out the given codes in turn, then random ones.</summary>
    private sealed class Scripted(params string[] codes) : TrackingCodeSource
    {
        private int _next;

        public override TrackingCode Next()
        {
            if (_next < codes.Length && TrackingCode.TryParse(codes[_next++], out var code))
            {
                return code!;
            }

            return TrackingCode.New();
        }
    }

    /// <summary>Makes the database refuse the INSERT into one table, as a crash or constraint would.</summary>
    private sealed class FailOnInsertInto(string table) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal))
            {
                throw new DbUpdateException($"Simulated failure writing {table}.");
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
