using KlantCentraal.Domain;
using KlantCentraal.Web.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>#16 item 6: an API key's "last used" is kept to five minutes, so a busy integration's requests are not all writes.</summary>
public sealed class ApiKeyLastUsed : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly WebApplicationFactory<Program> _app;

    public ApiKeyLastUsed() => _app = _root.WithClock(_clock);

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Is_written_on_first_use_and_then_at_most_once_per_five_minutes()
    {
        var (id, plain) = await TestApiKeys.CreateAsync(_app.Services, ApiScopes.ReadComplaints);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", plain);
        async Task<DateTime?> UseAsync()
        {
            await client.GetAsync($"/api/v1/complaints/{TrackingCode.New().Value}");
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().ApiKeys.Where(k => k.Id == id).Select(k => k.LastUsedAt).SingleAsync();
        }

        var first = await UseAsync();
        _clock.Advance(TimeSpan.FromMinutes(4));
        var soonAfter = await UseAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var fiveMinutesOn = await UseAsync();

        Assert.Equal(_clock.Start.UtcDateTime, first);
        Assert.Equal(first, soonAfter);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, fiveMinutesOn);
    }
}
