using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using KlantCentraal.Web.Mail;

namespace KlantCentraal.Web.Tests.Mail;

/// <summary>
/// Issue 27, part 2: Microsoft ends basic authentication for SMTP AUTH; letters go out with an OAuth2 token (XOAUTH2).
/// A refused client loses no letter: it waits in the outbox and goes once the credentials work.
/// </summary>
public sealed class LettersOverOAuth2(OAuth2SmtpServers servers) : IClassFixture<OAuth2SmtpServers>, IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_confirmation_goes_out_over_smtp_with_a_token()
    {
        using var app = App();
        var email = $"smtp.{Guid.NewGuid():N}@example.nl";
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        var recorded = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));

        Assert.Contains("mailed=True", recorded.Location());
        Assert.Contains(servers.Smtp.Messages(), m => m.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_client_keeps_the_letter_in_the_outbox_until_the_credentials_work()
    {
        var email = $"wacht.{Guid.NewGuid():N}@example.nl";
        using (var refused = App(secret: "ingetrokken"))
        {
            var desk = refused.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await desk.SignInAsync(Accounts.Desk);
            var recorded = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
            Assert.Contains("mailed=False", recorded.Location());
        }

        Assert.DoesNotContain(servers.Smtp.Messages(), m => m.Contains(email, StringComparison.Ordinal));
        Assert.DoesNotContain(_root.Logged.Messages, m => m.Contains("ingetrokken", StringComparison.Ordinal));

        using var repaired = App();
        await using (var scope = repaired.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailOutbox>().ProcessPendingAsync(CancellationToken.None);
        }

        Assert.Contains(servers.Smtp.Messages(), m => m.Contains(email, StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> App(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? more = null, string secret = OpenIdProvider.MailClientSecret) => _root.WithWebHostBuilder(b =>
    {
        b.UseSetting("Mail:SmtpHost", "127.0.0.1")
            .UseSetting("Mail:SmtpPort", servers.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Mail:SmtpStartTls", "false")
            .UseSetting("Mail:FromAddress", OAuth2SmtpServers.Mailbox)
            .UseSetting("Mail:SmtpAuth", "OAuth2")
            .UseSetting("Mail:SmtpOAuth2:TokenEndpoint", servers.Provider.TokenEndpoint)
            .UseSetting("Mail:SmtpOAuth2:ClientId", OpenIdProvider.MailClientId)
            .UseSetting("Mail:SmtpOAuth2:ClientSecret", secret)
            .UseSetting("Mail:SmtpOAuth2:Scope", "mail.send")
            .UseSetting("MailOutbox:FirstRetryAfter", "00:00:00");
        more?.Invoke(b);
    });
}
