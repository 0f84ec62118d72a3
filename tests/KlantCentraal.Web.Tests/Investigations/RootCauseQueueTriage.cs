using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Investigations;

/// <summary>The queue worker's triage, on a clock the test controls (Monday 23 November 2026, 10:00 UTC).</summary>
public sealed class RootCauseQueueTriage : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public RootCauseQueueTriage() =>
        _app = _root.WithClock(_clock);

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Complaints_about_the_same_product_and_category_join_one_investigation()
    {
        var first = await RecordAndProcessAsync("Waterkoker", "WK-200", ComplaintCategory.ProductDefect);
        var second = await RecordAndProcessAsync("waterkoker deluxe", "wk-200", ComplaintCategory.ProductDefect);

        Assert.Equal(first.InvestigationId, second.InvestigationId);
        Assert.Equal(2, await CountInInvestigationAsync(first.InvestigationId!.Value));
    }

    [Fact]
    public async Task Without_article_number_the_normalised_name_groups_them()
    {
        var first = await RecordAndProcessAsync("Fiets band", null, ComplaintCategory.Delivery);
        var second = await RecordAndProcessAsync("  fiets   BAND ", null, ComplaintCategory.Delivery);

        Assert.Equal(first.InvestigationId, second.InvestigationId);
    }

    [Fact]
    public async Task Another_category_opens_its_own_investigation()
    {
        var defect = await RecordAndProcessAsync("Stofzuiger", "SZ-1", ComplaintCategory.ProductDefect);
        var delivery = await RecordAndProcessAsync("Stofzuiger", "SZ-1", ComplaintCategory.Delivery);

        Assert.NotEqual(defect.InvestigationId, delivery.InvestigationId);
    }

    [Fact]
    public async Task After_the_grouping_window_a_new_investigation_opens()
    {
        var first = await RecordAndProcessAsync("Broodrooster", "BR-9", ComplaintCategory.ProductDefect);
        _clock.Advance(TimeSpan.FromDays(29));
        var within = await RecordAndProcessAsync("Broodrooster", "BR-9", ComplaintCategory.ProductDefect);
        _clock.Advance(TimeSpan.FromDays(2));
        var after = await RecordAndProcessAsync("Broodrooster", "BR-9", ComplaintCategory.ProductDefect);

        Assert.Equal(first.InvestigationId, within.InvestigationId);
        Assert.NotEqual(first.InvestigationId, after.InvestigationId);
    }

    [Fact]
    public async Task A_new_investigation_is_owned_by_the_categorys_manager_and_due_in_ten_working_days()
    {
        var defect = await RecordAndProcessAsync("Mixer", "MX-1", ComplaintCategory.ProductDefect);
        var billing = await RecordAndProcessAsync("Factuur", null, ComplaintCategory.Billing);

        var owned = await InvestigationAsync(defect.InvestigationId!.Value);
        var unowned = await InvestigationAsync(billing.InvestigationId!.Value);
        Assert.Equal("Daan", owned.OwnerName);
        Assert.Null(unowned.OwnerName);
        Assert.Equal(new DateOnly(2026, 12, 7), owned.DueDate);
    }

    private async Task<Complaint> RecordAndProcessAsync(string product, string? article, ComplaintCategory category)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().RecordAndResolveAsync(
            new RecordAndResolve(
                Guid.NewGuid(),
                new CustomerContact("Klant", $"k.{Guid.NewGuid():N}@example.nl", null, null),
                new ComplaintDetails(Channel.Counter, category, product, article, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund),
                new GrantedResolution(ResolutionType.Refund, new Money(1000), RefundMethod.Cash, null),
                new StaffMember("s", "Sanne")),
            CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        return await _root.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(recorded.TrackingCode)));
    }

    private Task<int> CountInInvestigationAsync(int id) => _root.WithDbAsync(db => db.Complaints.CountAsync(c => c.InvestigationId == id));

    private Task<RootCauseInvestigation> InvestigationAsync(int id) => _root.WithDbAsync(db => db.Investigations.AsNoTracking().SingleAsync(i => i.Id == id));
}
