using System.Globalization;
using KlantCentraal.Web.Conversations;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace KlantCentraal.Web.Tests.Conversations;

/// <summary>
/// Issue 27, part 2: the mailbox is watched in IMAP IDLE, so a customer's e-mail reaches the desk's open inbox within
/// moments of delivery — not at the next poll. The poll interval here is ten minutes: only IDLE can bring the
/// e-mails in while the test waits.
/// </summary>
public sealed class MailArrivesAtOnce : IClassFixture<DovecotServer>, IDisposable
{
    private static readonly TimeSpan Patience = TestServers.Patience.BeforeCallingItAHang; // far below the poll interval (a day)

    private readonly DovecotServer _imap;
    private readonly KlantCentraalFactory _root = new();
    private readonly WebApplicationFactory<Program> _app;

    public MailArrivesAtOnce(DovecotServer imap)
    {
        _imap = imap;
        _app = _root.WithWebHostBuilder(b => b
            .UseSetting("InboundMail:Host", "127.0.0.1")
            .UseSetting("InboundMail:Port", imap.Port.ToString(CultureInfo.InvariantCulture))
            .UseSetting("InboundMail:UseSsl", "false")
            .UseSetting("InboundMail:User", DovecotServer.User)
            .UseSetting("InboundMail:Password", DovecotServer.Password)
            .UseSetting("InboundMail:PollInterval", "1.00:00:00"));
    }

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task An_email_delivered_while_the_desk_has_its_inbox_open_is_there_without_waiting_for_a_poll()
    {
        var notices = new SemaphoreSlim(0);
        await using var hub = await OpenInboxAsync(notices);

        // The first may come in the worker's first round; the second and third arrive while it waits in IDLE.
        foreach (var name in new[] { "eerste", "tweede", "derde" })
        {
            var email = $"{name}-{Guid.NewGuid():N}@example.nl";
            var message = new MimeMessage { Subject = $"Waterkoker ({name})", MessageId = $"{Guid.NewGuid():N}@example.nl" };
            message.From.Add(new MailboxAddress("Klant", email));
            message.To.Add(new MailboxAddress("Klachten", DovecotServer.User));
            message.Body = new TextPart("plain") { Text = "Hij lekt." };
            await _imap.AppendAsync(message);

            await InInboxAsync(email, notices);
        }

        Assert.True(_app.Services.GetRequiredService<InboundMailStatus>().Idle);
        Assert.Equal(0, await _imap.CountAsync("INBOX"));
    }

    /// <summary>Waits for the live notices of the open inbox until the customer's complaint is among what it shows.</summary>
    private async Task InInboxAsync(string email, SemaphoreSlim notices)
    {
        while (!await _root.WithDbAsync(db => db.Complaints.AnyAsync(c => c.Customer!.Email == email)))
        {
            Assert.True(await notices.WaitAsync(Patience), $"No live notice for {email}: the e-mail waits for the next poll.");
        }
    }

    private async Task<HubConnection> OpenInboxAsync(SemaphoreSlim notices)
    {
        var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var page = await desk.GetAsync("/Desk/Inbox");
        var cookie = string.Join("; ", page.RequestMessage!.Headers.GetValues("Cookie").SelectMany(c => c.Split("; ")).Where(c => c.StartsWith("KlantCentraal.Auth", StringComparison.Ordinal)));
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, InboxHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers["Cookie"] = cookie;
            })
            .Build();
        hub.On(InboxHub.Changed, Type.EmptyTypes, _ =>
        {
            notices.Release();
            return Task.CompletedTask;
        });
        await hub.StartAsync();
        return hub;
    }
}
