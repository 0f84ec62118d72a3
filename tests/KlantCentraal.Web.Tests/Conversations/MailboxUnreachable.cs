using System.Net;
using KlantCentraal.Web.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Conversations;

/// <summary>The mailbox is down, then up again: retried with back-off, the desk and /health say so, nothing is lost.</summary>
public sealed class MailboxUnreachable : IClassFixture<DovecotServer>, IDisposable
{
    private readonly DovecotServer _imap;
    private readonly KlantCentraalFactory _root = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly WebApplicationFactory<Program> _app;

    public MailboxUnreachable(DovecotServer imap)
    {
        _imap = imap;
        _app = _root.WithWebHostBuilder(b => b
            .UseSetting("InboundMail:Host", "127.0.0.1")
            .UseSetting("InboundMail:Port", imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("InboundMail:UseSsl", "false")
            .UseSetting("InboundMail:User", DovecotServer.User)
            .UseSetting("InboundMail:Password", DovecotServer.Password)
            .UseSetting("InboundMail:WorkerEnabled", "false")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task While_the_server_is_down_health_is_degraded_and_the_desk_is_told_and_afterwards_every_email_arrives()
    {
        var email = $"later.{Guid.NewGuid():N}@example.nl";
        await _imap.AppendAsync(InboundEmailBecomesAComplaintOrAMessage.Mail(email, "Later", "Magnetron", "Hij vonkt."));
        await _imap.StopAsync();
        try
        {
            Assert.Equal(0, await ProcessAsync());

            var health = await _app.CreateClient().GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
            var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
            await desk.SignInAsync(Accounts.Desk);
            Assert.Contains("data-testid=\"mailbox-failing\"", await desk.GetHtmlAsync("/Desk"));
        }
        finally
        {
            await _imap.StartAsync();
        }

        Assert.Equal(0, await ProcessAsync()); // still waiting: the first retry comes after a minute
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await ProcessAsync());

        Assert.Equal(1, await _root.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == email)));
        Assert.Equal("Healthy", await (await _app.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync());
    }

    private async Task<int> ProcessAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboundMailbox>().ProcessAsync(CancellationToken.None);
    }
}
