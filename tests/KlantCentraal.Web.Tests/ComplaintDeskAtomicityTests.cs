using System.Data.Common;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests;

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
            new GrantedResolution(ResolutionType.Refund, new Money(2495), RefundMethod.Cash, null));

        await Assert.ThrowsAsync<DbUpdateException>(() => desk.RecordAndResolveAsync(command, new StaffMember("staff", "Sanne"), CancellationToken.None));

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Customers.CountAsync(c => c.Email == email));
            Assert.Equal(0, await db.Complaints.CountAsync(c => c.SubmissionId == command.SubmissionId));
            Assert.Equal(0, await db.Complaints.CountAsync());
            Assert.Equal(0, await db.TimelineEvents.CountAsync());
            Assert.Equal(0, await db.RootCauseQueue.CountAsync());
            Assert.Equal(0, await db.AuditEntries.CountAsync());
            return true;
        });
    }

    [Fact]
    public async Task Stores_all_of_it_when_nothing_fails()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        var command = new RecordAndResolve(
            Guid.NewGuid(),
            new CustomerContact("Heel Test", $"whole.{Guid.NewGuid():N}@example.nl", null, null),
            new ComplaintDetails(Channel.Phone, ComplaintCategory.Delivery, "Pakket", null, null, null, ReceiptStatus.Unknown, "Niet bezorgd", ResolutionType.Voucher),
            new GrantedResolution(ResolutionType.Voucher, new Money(1000), null, null));

        var recorded = await desk.RecordAndResolveAsync(command, new StaffMember("staff", "Sanne"), CancellationToken.None);

        await factory.WithDbAsync(async db =>
        {
            var complaint = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == recorded.TrackingCode);
            Assert.Equal(3, complaint.Timeline.Count);
            Assert.True(await db.RootCauseQueue.AnyAsync(q => q.ComplaintId == complaint.Id));
            return true;
        });
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
