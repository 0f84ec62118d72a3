using System.Net;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Mail;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Mail;

/// <summary>
/// The letters owed to customers are stored with what they confirm, so neither a crash right after the commit nor a
/// mail server that is away loses one, and several instances never send one twice.
/// </summary>
public sealed class MailOutboxLetters : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Letters_waiting_longer_than_a_quarter_of_an_hour_are_named_on_the_desk_and_for_administrators_and_health_says_degraded()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var serverAway = _factory.WithWebHostBuilder(b => b
            .UseSetting("Mail:SmtpHost", "127.0.0.1")
            .UseSetting("Mail:SmtpPort", "9")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var desk = await DeskAsync(serverAway);
        await desk.PostFormAsync("/Desk", DeskForm.Valid($"wacht.{Guid.NewGuid():N}@example.nl").With("Input.CustomerName", "Wendy Wachtmans"));
        Assert.DoesNotContain("letters-waiting", await desk.GetHtmlAsync("/Desk"));
        Assert.Equal("Healthy", await (await serverAway.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync());

        clock.Advance(TimeSpan.FromMinutes(16));

        var start = WebUtility.HtmlDecode(await desk.GetHtmlAsync("/Desk"));
        Assert.Contains("1 brieven wachten sinds", start);
        Assert.Contains("nog niet bereikt: Wendy Wachtmans", start);
        var admin = serverAway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        Assert.Contains("nog niet bereikt: Wendy Wachtmans", WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/Staff")));
        Assert.Equal("Degraded", await (await serverAway.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync());
    }

    [Fact]
    public void Outside_development_the_app_does_not_start_without_a_mail_server_unless_the_pickup_folder_was_chosen()
    {
        using var noSmtp = _factory.InProduction(b => b.UseSetting("Mail:Delivery", string.Empty));
        using var pickup = _factory.InProduction();

        var failure = Assert.ThrowsAny<Exception>(() => noSmtp.CreateClient());

        Assert.Contains("Mail:SmtpHost is not set, so no letter would reach a customer", failure.ToString(), StringComparison.Ordinal);
        Assert.NotNull(pickup.CreateClient());
    }

    [Fact]
    public async Task The_confirmation_is_owed_in_the_same_transaction_and_marked_sent_when_the_request_sent_it()
    {
        var desk = await DeskAsync(_factory);
        var email = $"owed.{Guid.NewGuid():N}@example.nl";

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));

        var code = response.TrackingCode();
        var owed = await _factory.WithDbAsync(db => db.OutgoingMails.AsNoTracking().Where(m => m.Complaint!.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).ToListAsync());
        var letter = Assert.Single(owed);
        Assert.Equal(MailKind.Resolved, letter.Kind);
        Assert.NotNull(letter.SentAt);
        Assert.Equal(1, letter.Attempts);
        Assert.Single(MailsTo(email));
    }

    [Fact]
    public async Task A_confirmation_the_process_died_before_sending_goes_out_when_the_desk_sends_the_form_again_after_the_lease()
    {
        var submission = Guid.NewGuid();
        var email = $"crash.{Guid.NewGuid():N}@example.nl";
        await RecordWithoutSendingAsync(submission, email);
        Assert.Empty(MailsTo(email));

        using var later = Later();
        var desk = await DeskAsync(later);
        var retry = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, submission));

        Assert.Contains("mailed=True", retry.Location());
        Assert.Contains($"Uw klacht {TrackingCode.Parse(retry.TrackingCode()).Display} is opgelost", Assert.Single(MailsTo(email)));
    }

    [Fact]
    public async Task A_desk_that_sends_the_form_again_while_the_dead_request_still_holds_the_letter_is_not_told_it_was_mailed()
    {
        var submission = Guid.NewGuid();
        var email = $"held.{Guid.NewGuid():N}@example.nl";
        await RecordWithoutSendingAsync(submission, email);

        var desk = await DeskAsync(_factory);
        var retry = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, submission));

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.DoesNotContain("mailed", retry.Location());
        Assert.Empty(MailsTo(email));
    }

    [Fact]
    public async Task A_confirmation_the_process_died_before_sending_goes_out_with_the_worker_once_the_lease_has_run_out()
    {
        var email = $"worker.{Guid.NewGuid():N}@example.nl";
        await RecordWithoutSendingAsync(Guid.NewGuid(), email);

        Assert.Equal(0, await ProcessPendingAsync(_factory));
        using var later = Later();
        var sent = await ProcessPendingAsync(later);

        Assert.Equal(1, sent);
        Assert.Single(MailsTo(email));
        Assert.Equal(0, await ProcessPendingAsync(later));
        Assert.Single(MailsTo(email));
    }

    [Fact]
    public async Task While_the_mail_server_is_away_the_desk_is_told_to_hand_over_the_printout_and_the_letter_goes_out_once_it_is_back()
    {
        using var serverAway = _factory.WithWebHostBuilder(b => b
            .UseSetting("Mail:SmtpHost", "127.0.0.1")
            .UseSetting("Mail:SmtpPort", "9")
            .UseSetting("MailOutbox:FirstRetryAfter", "00:00:00"));
        var desk = serverAway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var email = $"away.{Guid.NewGuid():N}@example.nl";

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("mailed=False", response.Location());
        Assert.Contains("De bevestiging kon nu niet worden gemaild; we proberen het later opnieuw.", await desk.GetHtmlAsync(response.Location()));
        var code = response.TrackingCode();
        var waiting = await _factory.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.Complaint!.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Null(waiting.SentAt);
        Assert.Equal("The mail server did not take the letter", waiting.LastError);
        Assert.Contains("Bevestiging van de oplossing: Nog niet verstuurd; de volgende poging is vanaf", await desk.GetHtmlAsync($"/Desk/Complaint/{code}"));

        Assert.Equal(1, await ProcessPendingAsync(_factory));
        Assert.Single(MailsTo(email));
        Assert.Contains("Bevestiging van de oplossing: Verstuurd op", await desk.GetHtmlAsync($"/Desk/Complaint/{code}"));
    }

    [Fact]
    public async Task A_letter_given_up_after_every_attempt_is_shown_to_the_desk_with_the_complaints_it_belongs_to()
    {
        using var serverAway = _factory.WithWebHostBuilder(b => b
            .UseSetting("Mail:SmtpHost", "127.0.0.1")
            .UseSetting("Mail:SmtpPort", "9")
            .UseSetting("MailOutbox:MaxAttempts", "1"));
        var desk = serverAway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var lost = (await desk.PostFormAsync("/Desk", DeskForm.Valid(product: "Verloren brief"))).TrackingCode();
        var fine = (await desk.PostFormAsync("/Desk", DeskForm.Valid(product: "Geen e-mail").With("Input.Email", "").With("Input.Phone", "0612121212"))).TrackingCode();

        var start = await desk.GetHtmlAsync("/Desk");
        var list = await desk.GetHtmlAsync("/Desk/Complaints?unmailed=true");

        Assert.Contains("1 e-mail(s) aan klanten konden na alle pogingen niet worden verstuurd.", start);
        Assert.Contains(TrackingCode.Parse(lost).Display, list);
        Assert.DoesNotContain(TrackingCode.Parse(fine).Display, list);
        Assert.Contains("Niet gelukt na 1 pogingen.", await desk.GetHtmlAsync($"/Desk/Complaint/{lost}"));
    }

    [Fact]
    public async Task Two_instances_working_the_outbox_at_once_send_every_letter_exactly_once()
    {
        var emails = Enumerable.Range(0, 12).Select(i => $"twice.{i}.{Guid.NewGuid():N}@example.nl").ToList();
        foreach (var email in emails)
        {
            await RecordWithoutSendingAsync(Guid.NewGuid(), email);
        }

        using var later = Later();
        var sent = await Task.WhenAll(ProcessPendingAsync(later), ProcessPendingAsync(later));

        Assert.Equal(emails.Count, sent.Sum());
        Assert.All(emails, email => Assert.Single(MailsTo(email)));
    }

    [Fact]
    public async Task A_letter_for_a_customer_whose_address_was_erased_meanwhile_is_not_sent()
    {
        var email = $"erased.{Guid.NewGuid():N}@example.nl";
        var code = await RecordWithoutSendingAsync(Guid.NewGuid(), email);
        await _factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, (string?)null)));

        using var later = Later();
        Assert.Equal(0, await ProcessPendingAsync(later));

        Assert.Empty(MailsTo(email));
        var letter = await _factory.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.Complaint!.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.NotNull(letter.SentAt);
        Assert.Equal("Nothing to send", letter.LastError);
    }

    /// <summary>
    /// What the desk's request stores before it dies: the complaint and the letter owed, committed, nothing sent — the
    /// process "dies" (an exception) the moment the transaction has committed, before the desk sends the letter.
    /// </summary>
    private async Task<string> RecordWithoutSendingAsync(Guid submission, string email)
    {
        var death = new DieAfterCommit();
        using var dying = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IInterceptor>(death)));
        await using var scope = dying.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        var form = DeskForm.Valid(email);
        var deskUser = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KlantCentraal.Web.Identity.StaffUser>>().FindByEmailAsync(Accounts.Desk);
        death.Armed = true;
        await Assert.ThrowsAsync<ProcessDied>(() => desk.RecordAndResolveAsync(
            new RecordAndResolve(
                submission,
                new CustomerContact("Fatima el Amrani", email, null, "1012 AB"),
                new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, form["Input.ProductName"], null, null, null, ReceiptStatus.No, form["Input.Description"], ResolutionType.Refund),
                new GrantedResolution(ResolutionType.Refund, new Money(2495), RefundMethod.Cash, null),
                new StaffMember(deskUser!.Id, "Sanne", isManager: false))
            { Client = $"desk:{deskUser.Id}", FromDesk = true, Letter = new LetterContext("http://localhost/Track", "nl-NL") },
            CancellationToken.None));
        return await _factory.WithDbAsync(db => db.Complaints.Where(c => c.SubmissionId == submission).Select(c => c.TrackingCode.Value).SingleAsync());
    }

    private sealed class ProcessDied : Exception;

    private sealed class DieAfterCommit : DbTransactionInterceptor
    {
        public volatile bool Armed;

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
            Armed ? throw new ProcessDied() : Task.CompletedTask;
    }

    /// <summary>The same app and database five minutes on, when the lease of a request that died has run out.</summary>
    private WebApplicationFactory<Program> Later() => _factory.WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5)));

    private static async Task<int> ProcessPendingAsync(WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailOutbox>().ProcessPendingAsync(CancellationToken.None);
    }

    private static async Task<HttpClient> DeskAsync(WebApplicationFactory<Program> factory)
    {
        var desk = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        return desk;
    }

    private List<string> MailsTo(string email) => Directory.Exists(_factory.MailPickup)
        ? Directory.EnumerateFiles(_factory.MailPickup, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(email, StringComparison.Ordinal)).ToList()
        : [];
}
