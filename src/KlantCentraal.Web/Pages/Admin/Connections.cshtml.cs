using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// Verbindingen (issue 27): how the app is connected to the organisation — the sign-in provider, the complaints
/// mailbox, the SMTP server and the outbox — each with what it last did and a "test now" that says in plain words
/// what failed. Tests change nothing, except "send now", which sends the letters that wait.
/// </summary>
public sealed class ConnectionsModel(ConnectionsModel.Query query, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>What the page reads (issue 42, Contoso's Query): each connection's settings and state, and the outbox's figures.</summary>
    public sealed class Query(
        AppDbContext db,
        IOptions<OidcOptions> oidc,
        IOptionsMonitor<InboundMailOptions> inbound,
        InboundMailStatus mailbox,
        IOptionsMonitor<MailOptions> mail,
        IOptions<MailOutboxOptions> outboxOptions,
        MailOutbox outbox)
    {
        public OidcOptions Provider => oidc.Value;

        public InboundMailOptions Mailbox => inbound.CurrentValue;

        public InboundMailStatus MailboxStatus => mailbox;

        public MailOptions Mail => mail.CurrentValue;

        public async Task<Figures> FiguresAsync(CancellationToken cancellationToken)
        {
            var maxAttempts = outboxOptions.Value.MaxAttempts;
            return new Figures(
                await db.UserLogins.CountAsync(l => l.LoginProvider == OidcOptions.Scheme, cancellationToken),
                await db.OutgoingMails.MaxAsync(m => m.SentAt, cancellationToken),
                await db.OutgoingMails.CountAsync(m => m.SentAt == null && m.Attempts < maxAttempts, cancellationToken),
                await outbox.GivenUp().CountAsync(cancellationToken),
                await outbox.WaitingAsync(cancellationToken));
        }
    }

    public sealed record Figures(int LinkedStaff, DateTime? LastLetterSentAt, int LettersOwed, int LettersGivenUp, MailOutbox.Waiting LettersWaiting);

    public OidcOptions Provider => query.Provider;

    public InboundMailOptions Mailbox => query.Mailbox;

    public InboundMailStatus MailboxStatus => query.MailboxStatus;

    public MailOptions Mail => query.Mail;

    public int LinkedStaff { get; private set; }

    public DateTime? LastLetterSentAt { get; private set; }

    public int LettersOwed { get; private set; }

    public int LettersGivenUp { get; private set; }

    public MailOutbox.Waiting LettersWaiting { get; private set; } = new(0, null, []);

    /// <summary>Which part was just tested (provider, mailbox, smtp, outbox), whether it worked, and what to say.</summary>
    [TempData]
    public string? Tested { get; set; }

    [TempData]
    public bool TestWorked { get; set; }

    [TempData]
    public string? TestSaid { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (LinkedStaff, LastLetterSentAt, LettersOwed, LettersGivenUp, LettersWaiting) = await query.FiguresAsync(cancellationToken);

    /// <summary>"Test now" for one part: what it needs is taken by this handler alone.</summary>
    public async Task<IActionResult> OnPostTestAsync(
        string? part,
        [FromServices] IOptionsMonitor<OpenIdConnectOptions> oidcHandler,
        [FromServices] InboundMailbox inbox,
        [FromServices] Mailer mailer,
        [FromServices] MailOutbox outbox,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oidcHandler);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(mailer);
        ArgumentNullException.ThrowIfNull(outbox);
        (Tested, TestWorked, TestSaid) = part switch
        {
            "provider" => Said("provider", Provider.Enabled ? await SingleSignOn.TestAsync(oidcHandler.Get(OidcOptions.Scheme), cancellationToken) : new(ConnectionProblem.NotConfigured)),
            "mailbox" => Said(await inbox.TestAsync(cancellationToken)),
            "smtp" => Said("smtp", await mailer.TestAsync(cancellationToken)),
            "outbox" => Said(await outbox.SendWaitingNowAsync(cancellationToken)),
            _ => (null, false, null),
        };
        return RedirectToPage();
    }

    private (string, bool, string) Said(string part, ConnectionCheck check) => (part, check.Works, check.Works
        ? part == "provider" ? t["Werkt: de aanbieder antwoordt als {0}.", check.Detail ?? string.Empty] : t["Werkt: de server neemt de aanmelding aan. Er is niets verstuurd."]
        : Problem(check));

    private (string, bool, string) Said(MailboxTest test) => ("mailbox", test.Outcome.Works, test.Outcome.Works
        ? t["Werkt: {0} e-mails wachten in {1}; de server {2}.", test.Waiting, Mailbox.Folder, test.OffersIdle ? t["meldt nieuwe e-mail direct (IDLE)"] : t["biedt geen IDLE, dus de app kijkt elke {0} minuten", Mailbox.PollInterval.TotalMinutes]]
        : Problem(test.Outcome));

    private (string, bool, string) Said((int Sent, int Waiting) round) =>
        ("outbox", round.Waiting == 0, t["{0} brieven verstuurd; {1} wachten nog.", round.Sent, round.Waiting]);

    /// <summary>Every failure once, in words an administrator can act on, with the other side's own words after it.</summary>
    private string Problem(ConnectionCheck check)
    {
        var said = check.Problem switch
        {
            ConnectionProblem.NotConfigured => t["Niet ingesteld."],
            ConnectionProblem.Unreachable => t["De server is niet bereikbaar: controleer het adres en de poort, en of een firewall de verbinding tegenhoudt."],
            ConnectionProblem.Tls => t["De beveiligde verbinding (TLS) mislukt: het certificaat wordt niet vertrouwd, of de server spreekt op deze poort geen TLS."],
            ConnectionProblem.SignInRefused => t["De server weigert de aanmelding: controleer de gebruikersnaam en het wachtwoord, of dat de token toegang geeft tot deze mailbox."],
            ConnectionProblem.TokenRefused => t["De tokenaanbieder weigert de app: controleer TokenEndpoint, ClientId, het geheim en de scope."],
            ConnectionProblem.FolderMissing => t["De map bestaat niet in de mailbox: controleer InboundMail:Folder."],
            _ => t["De server weigert het verzoek."],
        };
        return check.Detail is { Length: > 0 } detail ? $"{said} ({detail})" : said;
    }
}
