using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Investigations;

/// <summary>Each test has a database of its own, so counts over the whole queue are exact.</summary>
public sealed class RootCauseQueueProcessorProcessPending : IDisposable
{
    private readonly KlantCentraalFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Two_processors_running_at_once_never_claim_the_same_item()
    {
        await RecordComplaintsAsync(40);

        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        })));

        Assert.Equal(40, counts.Sum());
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.RootCauseQueue.CountAsync(q => q.Status != QueueItemStatus.Done));
            Assert.Equal(0, await db.Complaints.CountAsync(c => c.InvestigationId == null));
            Assert.Equal(40, await db.Investigations.CountAsync());
            Assert.All(await db.Investigations.Select(i => i.Complaints.Count).ToListAsync(), n => Assert.Equal(1, n));
            Assert.Equal(40, await db.Complaints.CountAsync(c => c.Status == ComplaintStatus.Investigating));
            return true;
        });
    }

    [Fact]
    public async Task Leaves_an_item_alone_while_another_instance_holds_its_lease_and_takes_it_over_when_the_lease_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var code = (await RecordComplaintsAsync(1)).Single();
        var options = Options.Create(new RootCauseQueueOptions { LeaseDuration = TimeSpan.FromMinutes(2) });
        var leaseUntil = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        await factory.WithDbAsync(db => db.RootCauseQueue.Where(q => q.Complaint!.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code))
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.LeaseOwner, "other-instance").SetProperty(q => q.LeaseExpiresAt, leaseUntil)));

        await using var scope = factory.Services.CreateAsyncScope();
        var processor = ActivatorUtilities.CreateInstance<RootCauseQueueProcessor>(scope.ServiceProvider, clock, options);

        Assert.Equal(0, await processor.ProcessPendingAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await processor.ProcessPendingAsync(CancellationToken.None));

        var item = await factory.WithDbAsync(d => d.RootCauseQueue.AsNoTracking().SingleAsync(q => q.Complaint!.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(QueueItemStatus.Done, item.Status);
        Assert.Equal(processor.Owner, item.LeaseOwner);
    }

    [Fact]
    public async Task A_complaint_that_cannot_be_triaged_does_not_hold_up_the_others_in_its_round()
    {
        var codes = await RecordComplaintsAsync(3);
        var broken = KlantCentraal.Domain.TrackingCode.Parse(codes[1]);
        await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == broken).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ComplaintStatus.Closed)));

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None));

        await factory.WithDbAsync(async db =>
        {
            var complaints = await db.Complaints.AsNoTracking().ToListAsync();
            Assert.All(complaints.Where(c => c.TrackingCode != broken), c => Assert.NotNull(c.InvestigationId));
            Assert.Null(complaints.Single(c => c.TrackingCode == broken).InvestigationId);
            var item = await db.RootCauseQueue.AsNoTracking().SingleAsync(q => q.Complaint!.TrackingCode == broken);
            Assert.Equal(QueueItemStatus.Pending, item.Status);
            Assert.Contains("only a resolved complaint joins an investigation", item.LastError, StringComparison.Ordinal);
            Assert.Equal(2, await db.RootCauseQueue.CountAsync(q => q.Status == QueueItemStatus.Done));
            return true;
        });
    }

    private async Task<List<string>> RecordComplaintsAsync(int count)
    {
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
            var recorded = await desk.RecordAndResolveAsync(
                new RecordAndResolve(
                    Guid.NewGuid(),
                    new CustomerContact($"Klant {i}", $"klant{i}.{Guid.NewGuid():N}@example.nl", null, null),
                    new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, $"Product {i}", null, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund),
                    new GrantedResolution(ResolutionType.Refund, new Money(100 + i), RefundMethod.Cash, null),
                    new StaffMember("staff", "Sanne")),
                CancellationToken.None);
            codes.Add(recorded.TrackingCode);
        }

        return codes;
    }
}
