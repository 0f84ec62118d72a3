using KlantCentraal.Web.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Conversations;

/// <summary>A real OpenID provider and a Dovecot that checks every XOAUTH2 token at the provider's introspection endpoint.</summary>
public sealed class OAuth2MailServers : IAsyncLifetime
{
    public OpenIdProvider Provider { get; } = new();

    public DovecotServer Imap { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartForMailAsync(DovecotServer.User);
        Imap = new DovecotServer { OAuth2Introspection = Provider.IntrospectionEndpoint };
        await Imap.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Imap.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Issue 27, part 2: Microsoft 365 and Google accept no password from an app; the complaints mailbox is opened with an
/// OAuth2 client-credentials token (SASL XOAUTH2), refreshed when it expires or is refused, with a plain notice when
/// the provider refuses the client — and nothing lost: the e-mail is read once the credentials work again.
/// </summary>
public sealed class MailboxWithOAuth2(OAuth2MailServers servers) : IClassFixture<OAuth2MailServers>, IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_mailbox_is_read_with_a_token_and_an_expired_token_is_replaced_by_a_new_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = App(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var email = await DeliverAsync("token");

        Assert.True(await ProcessAsync(app) >= 1);
        Assert.True(await HasComplaintAsync(email));

        // Two hours on, the cached token has expired: the next round asks the provider for a new one and still reads.
        clock.Advance(TimeSpan.FromHours(2));
        var later = await DeliverAsync("later");
        Assert.True(await ProcessAsync(app) >= 1);
        Assert.True(await HasComplaintAsync(later));
        Assert.False(app.Services.GetRequiredService<InboundMailStatus>().IsFailing);
    }

    [Fact]
    public async Task A_refused_client_shows_a_notice_and_loses_nothing_and_the_email_is_read_once_the_credentials_work()
    {
        var email = await DeliverAsync("geweigerd");
        using (var revoked = App(b => b.UseSetting("InboundMail:OAuth2:ClientSecret", "ingetrokken")))
        {
            Assert.Equal(0, await ProcessAsync(revoked));
            var status = revoked.Services.GetRequiredService<InboundMailStatus>();
            Assert.True(status.IsFailing);
            Assert.Contains("invalid_client", status.LastError);
            Assert.DoesNotContain("ingetrokken", status.LastError);
            Assert.DoesNotContain(_root.Logged.Messages, m => m.Contains("ingetrokken", StringComparison.Ordinal));
            var desk = revoked.CreateClient(new() { AllowAutoRedirect = false });
            await desk.SignInAsync(Accounts.Desk);
            Assert.Contains("data-testid=\"mailbox-failing\"", await desk.GetHtmlAsync("/Desk"));
            Assert.False(await HasComplaintAsync(email));
        }

        using var repaired = App();
        Assert.True(await ProcessAsync(repaired) >= 1);
        Assert.True(await HasComplaintAsync(email));
    }

    [Fact]
    public async Task A_token_without_the_mailbox_scope_is_refused_by_the_mail_server_and_nothing_is_read()
    {
        var email = await DeliverAsync("scope");
        using var wrongScope = App(b => b.UseSetting("InboundMail:OAuth2:Scope", "mail.send"));

        Assert.Equal(0, await ProcessAsync(wrongScope));

        Assert.True(wrongScope.Services.GetRequiredService<InboundMailStatus>().IsFailing);
        Assert.False(await HasComplaintAsync(email));
    }

    private WebApplicationFactory<Program> App(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? more = null) => _root.WithWebHostBuilder(b =>
    {
        b.UseSetting("InboundMail:Host", "127.0.0.1")
            .UseSetting("InboundMail:Port", servers.Imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("InboundMail:UseSsl", "false")
            .UseSetting("InboundMail:User", DovecotServer.User)
            .UseSetting("InboundMail:Auth", "OAuth2")
            .UseSetting("InboundMail:OAuth2:TokenEndpoint", servers.Provider.TokenEndpoint)
            .UseSetting("InboundMail:OAuth2:ClientId", OpenIdProvider.MailClientId)
            .UseSetting("InboundMail:OAuth2:ClientSecret", OpenIdProvider.MailClientSecret)
            .UseSetting("InboundMail:OAuth2:Scope", "mail.read")
            .UseSetting("InboundMail:WorkerEnabled", "false");
        more?.Invoke(b);
    });

    private async Task<string> DeliverAsync(string name)
    {
        var email = $"{name}.{Guid.NewGuid():N}@example.nl";
        await servers.Imap.AppendAsync(InboundEmailBecomesAComplaintOrAMessage.Mail(email, "Kim", "Broodrooster", "Hij brandt alles aan."));
        return email;
    }

    private static async Task<int> ProcessAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboundMailbox>().ProcessAsync(CancellationToken.None);
    }

    private Task<bool> HasComplaintAsync(string email) => _root.WithDbAsync(db => db.Complaints.AnyAsync(c => c.Customer!.Email == email));
}
