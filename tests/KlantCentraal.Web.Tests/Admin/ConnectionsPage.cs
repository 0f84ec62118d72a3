using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Admin;

/// <summary>The real servers an organisation connects: its OpenID provider, an SMTP server taking its tokens, and a mailbox.</summary>
public sealed class OrganisationServers : IAsyncLifetime
{
    public OAuth2SmtpServers Mail { get; } = new();

    public DovecotServer Imap { get; } = new();

    public async Task InitializeAsync()
    {
        await Mail.InitializeAsync();
        await Imap.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Imap.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

/// <summary>
/// Issue 27, part 3: the administrator's page "Verbindingen" shows the sign-in provider, the mailbox, the SMTP server
/// and the outbox, and each "test now" says in plain words whether it works and, if not, what to check.
/// </summary>
public sealed class ConnectionsPage(OrganisationServers servers) : IClassFixture<OrganisationServers>, IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Every_connection_shows_what_it_is_and_each_test_says_it_works_without_sending_anything()
    {
        using var app = App();
        var admin = await AdminAsync(app);
        var letters = servers.Mail.Smtp.Messages().Count;

        var page = await admin.GetHtmlAsync("/Admin/Connections");
        Assert.Contains(servers.Mail.Provider.Authority, page);
        Assert.Contains($"127.0.0.1:{servers.Imap.Port}", page);
        Assert.Contains($"OAuth2-token van {servers.Mail.Provider.TokenEndpoint}", page);

        Assert.Contains($"Werkt: de aanbieder antwoordt als {servers.Mail.Provider.Authority}", await TestAsync(admin, "provider"));
        var mailbox = await TestAsync(admin, "mailbox");
        Assert.Contains("Werkt:", mailbox);
        Assert.Contains("(IDLE)", mailbox);
        Assert.Contains("Werkt: de server neemt de aanmelding aan. Er is niets verstuurd.", await TestAsync(admin, "smtp"));
        Assert.Contains("brieven verstuurd; 0 wachten nog.", await TestAsync(admin, "outbox"));
        Assert.Equal(letters, servers.Mail.Smtp.Messages().Count);
    }

    [Fact]
    public async Task Each_failure_is_said_in_words_an_administrator_can_act_on_and_never_shows_a_secret()
    {
        var dead = LoopbackPort.Free();
        using var app = App(b => b
            .UseSetting("Authentication:Oidc:Authority", $"http://127.0.0.1:{dead}")
            .UseSetting("InboundMail:Password", "verkeerd-wachtwoord")
            .UseSetting("Mail:SmtpOAuth2:ClientSecret", "ingetrokken-geheim"));
        var admin = await AdminAsync(app);

        Assert.Contains("De server is niet bereikbaar: controleer het adres en de poort", await TestAsync(admin, "provider"));
        Assert.Contains("De server weigert de aanmelding: controleer de gebruikersnaam en het wachtwoord", await TestAsync(admin, "mailbox"));
        var smtp = await TestAsync(admin, "smtp");
        Assert.Contains("De tokenaanbieder weigert de app: controleer TokenEndpoint, ClientId, het geheim en de scope.", smtp);
        Assert.DoesNotContain("ingetrokken-geheim", smtp);

        using var noFolder = App(b => b.UseSetting("InboundMail:Folder", "Bestaat-niet"));
        Assert.Contains("De map bestaat niet in de mailbox: controleer InboundMail:Folder.", await TestAsync(await AdminAsync(noFolder), "mailbox"));
    }

    [Fact]
    public async Task Send_now_sends_the_letters_that_wait_once_the_mail_server_works_again()
    {
        var email = $"verbinding.{Guid.NewGuid():N}@example.nl";
        using (var refused = App(b => b.UseSetting("Mail:SmtpOAuth2:ClientSecret", "ingetrokken-geheim").UseSetting("MailOutbox:FirstRetryAfter", "01:00:00")))
        {
            var desk = refused.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await desk.SignInAsync(Accounts.Desk);
            Assert.Contains("mailed=False", (await desk.PostFormAsync("/Desk", DeskForm.Valid(email))).Location());
        }

        using var repaired = App();
        var admin = await AdminAsync(repaired);
        Assert.NotEqual("0", OwedIn(await admin.GetHtmlAsync("/Admin/Connections")));

        var said = await TestAsync(admin, "outbox");

        Assert.Contains("brieven verstuurd; 0 wachten nog.", said);
        Assert.Contains(servers.Mail.Smtp.Messages(), m => m.Contains(email, StringComparison.Ordinal));
        Assert.Equal(0, await _root.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task Without_connections_the_page_says_what_is_not_set_up()
    {
        var admin = await AdminAsync(_root);

        var page = await admin.GetHtmlAsync("/Admin/Connections");

        Assert.Contains("Niet ingesteld: medewerkers loggen in met e-mailadres en wachtwoord.", page);
        Assert.Contains("Niet ingesteld: e-mail van klanten komt niet binnen.", page);
        Assert.Contains("Geen SMTP-server: brieven worden als bestand in de map", page);
    }

    private static string OwedIn(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"letters-owed\">(\\d+)<").Groups[1].Value;

    /// <summary>Presses a "test now" button and reads what the page says after it.</summary>
    private static async Task<string> TestAsync(HttpClient admin, string part)
    {
        var pressed = await admin.PostFormAsync("/Admin/Connections", new Dictionary<string, string>(), $"/Admin/Connections?handler=Test&part={part}");
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        var html = await admin.GetHtmlAsync(pressed.Location());
        var said = System.Text.RegularExpressions.Regex.Match(html, $"data-testid=\"test-{part}\">([^<]*)<").Groups[1].Value;
        Assert.NotEmpty(said);
        return WebUtility.HtmlDecode(said);
    }

    private static async Task<HttpClient> AdminAsync(WebApplicationFactory<Program> app)
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        return admin;
    }

    private WebApplicationFactory<Program> App(Action<IWebHostBuilder>? more = null) => _root.WithWebHostBuilder(b =>
    {
        b.UseSetting("Authentication:Oidc:Authority", servers.Mail.Provider.Authority)
            .UseSetting("Authentication:Oidc:ClientId", OpenIdProvider.ClientId)
            .UseSetting("Authentication:Oidc:ClientSecret", OpenIdProvider.ClientSecret)
            .UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false")
            .UseSetting("Authentication:Oidc:Roles:ServiceDesk", "kc-balie")
            .UseSetting("InboundMail:Host", "127.0.0.1")
            .UseSetting("InboundMail:Port", servers.Imap.Port.ToString(CultureInfo.InvariantCulture))
            .UseSetting("InboundMail:UseSsl", "false")
            .UseSetting("InboundMail:User", DovecotServer.User)
            .UseSetting("InboundMail:Password", DovecotServer.Password)
            .UseSetting("InboundMail:WorkerEnabled", "false")
            .UseSetting("Mail:SmtpHost", "127.0.0.1")
            .UseSetting("Mail:SmtpPort", servers.Mail.Smtp.Port.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Mail:SmtpStartTls", "false")
            .UseSetting("Mail:FromAddress", OAuth2SmtpServers.Mailbox)
            .UseSetting("Mail:SmtpAuth", "OAuth2")
            .UseSetting("Mail:SmtpOAuth2:TokenEndpoint", servers.Mail.Provider.TokenEndpoint)
            .UseSetting("Mail:SmtpOAuth2:ClientId", OpenIdProvider.MailClientId)
            .UseSetting("Mail:SmtpOAuth2:ClientSecret", OpenIdProvider.MailClientSecret)
            .UseSetting("Mail:SmtpOAuth2:Scope", "mail.send");
        more?.Invoke(b);
    });
}
