using KlantCentraal.Domain;
using KlantCentraal.Web.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace KlantCentraal.Web.Tests.Conversations;

/// <summary>E-mail in: a real Dovecot IMAP server, read by the app's own worker round.</summary>
public sealed class InboundEmailBecomesAComplaintOrAMessage : IClassFixture<DovecotServer>, IDisposable
{
    private readonly DovecotServer _imap;
    private readonly KlantCentraalFactory _root = new();
    private readonly WebApplicationFactory<Program> _app;

    public InboundEmailBecomesAComplaintOrAMessage(DovecotServer imap)
    {
        _imap = imap;
        _app = _root.WithWebHostBuilder(b => b
            .UseSetting("InboundMail:Host", "127.0.0.1")
            .UseSetting("InboundMail:Port", imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("InboundMail:UseSsl", "false")
            .UseSetting("InboundMail:User", DovecotServer.User)
            .UseSetting("InboundMail:Password", DovecotServer.Password)
            .UseSetting("InboundMail:WorkerEnabled", "false")
            .UseSetting("InboundMail:TrustedAuthServId", OurMailServer));
    }

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task A_plain_email_becomes_a_complaint_in_the_desks_inbox_and_moves_to_the_processed_folder()
    {
        var email = Unique("lotte");
        await _imap.AppendAsync(Mail(email, "Lotte de Vries", "Stofzuiger zuigt niet meer", "Na een week doet hij het niet meer."));

        await ProcessAsync();

        var complaint = await ComplaintOfAsync(email);
        Assert.Equal(Channel.Email, complaint.Channel);
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal("Lotte de Vries", complaint.Customer!.Name);
        Assert.Equal("Stofzuiger zuigt niet meer", complaint.ProductName);
        Assert.Contains("Na een week doet hij het niet meer.", complaint.Messages.Single().Body);
        Assert.Equal(0, await _imap.CountAsync("INBOX"));
        Assert.True(await _imap.CountAsync("Verwerkt") > 0);
        var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        Assert.Contains(complaint.TrackingCodeDisplay, await desk.GetHtmlAsync("/Desk/Inbox"));
    }

    [Fact]
    public async Task An_email_whose_complaint_was_stored_without_its_message_gets_its_message_on_that_complaint_and_no_second_one()
    {
        // An earlier version imported in two steps; a crash between them left the complaint without the e-mail's key.
        var email = Unique("half");
        var mail = Mail(email, "Half Geïmporteerd", "Föhn", "Hij wordt te heet.");
        await StoreWithoutItsMessageAsync(mail, email);

        await _imap.AppendAsync(mail);
        await ProcessAsync();

        var complaint = await ComplaintOfAsync(email);
        Assert.Contains("Hij wordt te heet.", complaint.Messages.Single().Body);
        Assert.Equal(1, await _root.WithDbAsync(db => db.InboundEmails.CountAsync(e => e.Key == mail.MessageId && e.ComplaintId == complaint.Id)));
        Assert.Equal(0, await _imap.CountAsync("INBOX"));
    }

    [Fact]
    public async Task Another_address_reusing_that_emails_message_id_adds_nothing_to_the_complaint()
    {
        var email = Unique("half");
        var mail = Mail(email, "Half Geïmporteerd", "Föhn", "Hij wordt te heet.");
        await StoreWithoutItsMessageAsync(mail, email);

        var attacker = Unique("ander");
        var spoof = Mail(attacker, "Iemand Anders", "Föhn", "Stuur de terugbetaling naar mij.");
        spoof.MessageId = mail.MessageId!;
        await _imap.AppendAsync(spoof);
        await ProcessAsync();

        Assert.Empty((await ComplaintOfAsync(email)).Messages);
        Assert.Equal(0, await _root.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == attacker)));
        Assert.Equal(0, await _imap.CountAsync("INBOX"));
    }

    [Fact]
    public async Task Erasing_the_customer_deletes_their_emails_from_the_mail_server_too()
    {
        var email = Unique("wissen");
        var mail = Mail(email, "Wim Wissen", "Stofzuiger", "Mijn adres is Kerkstraat 1.");
        await _imap.AppendAsync(mail);
        await ProcessAsync();
        Assert.True(await _imap.HoldsAsync("Verwerkt", mail.MessageId!));
        var customerId = (await ComplaintOfAsync(email)).CustomerId;

        var admin = _app.CreateClient(new() { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        var erased = await admin.PostFormAsync("/Admin/Privacy", new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={customerId}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, erased.StatusCode);
        await ProcessAsync();

        Assert.False(await _imap.HoldsAsync("Verwerkt", mail.MessageId!));
        var keys = await _root.WithDbAsync(db => db.InboundEmails.Select(e => e.Key).ToListAsync());
        Assert.DoesNotContain(mail.MessageId, keys);
        // The same e-mail delivered again is still recognised: imported once, ever.
        await _imap.AppendAsync(mail);
        await ProcessAsync();
        Assert.Equal(0, await _root.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == email)));
    }

    [Fact]
    public async Task E_mails_older_than_the_retention_leave_the_processed_folder()
    {
        var old = Mail(Unique("oud"), "Oud", "Oud bericht", "Van lang geleden.");
        var recent = Mail(Unique("recent"), "Recent", "Nieuw bericht", "Van gisteren.");
        await _imap.AppendAsync(old, "Verwerkt", DateTimeOffset.UtcNow.AddDays(-31));
        await _imap.AppendAsync(recent, "Verwerkt", DateTimeOffset.UtcNow.AddDays(-2));

        await ProcessAsync();

        Assert.False(await _imap.HoldsAsync("Verwerkt", old.MessageId!));
        Assert.True(await _imap.HoldsAsync("Verwerkt", recent.MessageId!));
    }

    [Fact]
    public async Task An_html_only_email_is_stored_as_plain_text_never_as_html()
    {
        var email = Unique("html");
        var message = Mail(email, "Pim", "Broodrooster", null);
        message.Body = new TextPart("html") { Text = "<html><head><style>p{}</style><script>alert(1)</script></head><body><p>Hij <b>brandt</b> alles aan.</p><p>Groet &amp; dank</p></body></html>" };
        await _imap.AppendAsync(message);

        await ProcessAsync();

        var body = (await ComplaintOfAsync(email)).Messages.Single().Body;
        Assert.Contains("Hij brandt alles aan.", body);
        Assert.Contains("Groet & dank", body);
        Assert.DoesNotContain("<", body);
        Assert.DoesNotContain("alert", body);
    }

    [Fact]
    public async Task A_photo_attached_to_an_email_is_stored_re_encoded_with_the_message()
    {
        var email = Unique("foto");
        var builder = new BodyBuilder { TextBody = "Zie de foto." };
        builder.Attachments.Add("kapot.jpg", DeskAndCustomerConverse.Photo("GPS-geheim"), new ContentType("image", "jpeg"));
        var message = Mail(email, "Sara", "Lamp kapot", null);
        message.Body = builder.ToMessageBody();
        await _imap.AppendAsync(message);

        await ProcessAsync();

        var complaint = await ComplaintOfAsync(email);
        var attachment = await _root.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync(a => a.ComplaintId == complaint.Id));
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.False(System.Text.Encoding.Latin1.GetString(attachment.Content).Contains("GPS-geheim", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_to_our_reply_from_the_customers_address_becomes_a_message_on_that_complaint()
    {
        var (code, email, replyId) = await ComplaintWithReplyAsync();
        var answer = Verified(Mail(email, "Fatima el Amrani", "Re: Antwoord op uw klacht", "Hier is de foto die u vroeg."));
        answer.InReplyTo = replyId;

        await _imap.AppendAsync(answer);
        await ProcessAsync();

        var complaint = await _root.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(2, complaint.Messages.Count);
        Assert.Equal(ConversationState.WaitingOnUs, complaint.Conversation);
        Assert.Equal(MessageChannel.Email, complaint.Messages[^1].Channel);
    }

    [Fact]
    public async Task The_same_answer_from_another_address_or_naming_the_code_from_another_address_never_lands_on_that_complaint()
    {
        var (code, _, replyId) = await ComplaintWithReplyAsync();
        var stranger = Unique("mallory");
        var threaded = Mail(stranger, "Mallory", "Re: Antwoord", "Ik ben het echt.");
        threaded.InReplyTo = replyId;
        var named = Mail(Unique("mallory2"), "Mallory", $"Over klacht {TrackingCode.Parse(code).Display}", "Stuur mij de status.");

        await _imap.AppendAsync(threaded);
        await _imap.AppendAsync(named);
        await ProcessAsync();

        Assert.Equal(1, await _root.WithDbAsync(db => db.Messages.CountAsync(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)))));
        var strangers = await _root.WithDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.Customer!.Email!.StartsWith("mallory")).Select(c => c.Description).ToListAsync());
        Assert.Equal(2, strangers.Count);
        Assert.All(strangers, d => Assert.StartsWith($"[noemt volgcode {TrackingCode.Parse(code).Display}]", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_whose_sender_failed_the_mail_servers_dmarc_check_is_not_added_to_the_complaint()
    {
        var (code, email, replyId) = await ComplaintWithReplyAsync();
        var forged = Mail(email, "Fatima el Amrani", "Re: Antwoord", "Stuur het geld naar een ander rekeningnummer.");
        forged.InReplyTo = replyId;
        forged.Headers.Add(HeaderId.AuthenticationResults, "mx.example.test; spf=fail smtp.mailfrom=example.nl; dmarc=fail header.from=example.nl");

        await _imap.AppendAsync(forged);
        await ProcessAsync();

        Assert.Equal(1, await _root.WithDbAsync(db => db.Messages.CountAsync(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)))));
        Assert.True(await _root.WithDbAsync(db => db.Complaints.AnyAsync(c => c.TrackingCode != KlantCentraal.Domain.TrackingCode.Parse(code) && c.Description.StartsWith("[noemt volgcode"))));
    }

    public static TheoryData<string, string?> UnverifiedSenders => new()
    {
        { "softfail", $"{OurMailServer}; spf=softfail smtp.mailfrom=example.nl; dmarc=none header.from=example.nl" },
        { "none", $"{OurMailServer}; spf=none smtp.mailfrom=example.nl; dkim=none; dmarc=none header.from=example.nl" },
        { "permerror", $"{OurMailServer}; dkim=permerror header.d=example.nl; dmarc=permerror header.from=example.nl" },
        { "temperror", $"{OurMailServer}; dkim=temperror header.d=example.nl; dmarc=temperror header.from=example.nl" },
        { "spaced fail", $"{OurMailServer}; dmarc = fail header.from=example.nl" },
        { "spf pass only", $"{OurMailServer}; spf=pass smtp.mailfrom=bounce.attacker.test; dmarc=fail header.from=example.nl" },
        { "dkim of another domain", $"{OurMailServer}; dkim=pass header.d=attacker.test; dmarc=fail header.from=example.nl" },
        { "a pass from another server", "mx.attacker.test; dkim=pass header.d=example.nl; dmarc=pass header.from=example.nl" },
        { "no header at all", null },
    };

    [Theory]
    [MemberData(nameof(UnverifiedSenders))]
    public async Task A_sender_our_mail_server_does_not_vouch_for_starts_a_new_complaint_and_never_joins_the_conversation(string why, string? authenticationResults)
    {
        var (code, email, replyId) = await ComplaintWithReplyAsync();
        var forged = Mail(email, "Fatima el Amrani", $"Re: Antwoord over {TrackingCode.Parse(code).Display}", $"Nieuw rekeningnummer ({why}).");
        forged.InReplyTo = replyId;
        if (authenticationResults is not null)
        {
            forged.Headers.Add(HeaderId.AuthenticationResults, authenticationResults);
        }

        await _imap.AppendAsync(forged);
        await ProcessAsync();

        Assert.Equal(1, await _root.WithDbAsync(db => db.Messages.CountAsync(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)))));
        Assert.True(await _root.WithDbAsync(db => db.Messages.AnyAsync(m => m.Body.Contains(why))), $"the e-mail ({why}) was not kept as a new complaint");
    }

    [Fact]
    public async Task A_pass_written_below_our_servers_own_header_by_the_sender_is_not_believed()
    {
        var (code, email, replyId) = await ComplaintWithReplyAsync();
        var forged = Mail(email, "Fatima el Amrani", "Re: Antwoord", "Ik ben het echt, geloof me.");
        forged.InReplyTo = replyId;
        forged.Headers.Add(HeaderId.AuthenticationResults, $"{OurMailServer}; dmarc=pass header.from=example.nl");
        forged.Headers.Insert(0, new Header(HeaderId.AuthenticationResults, $"{OurMailServer}; spf=fail smtp.mailfrom=example.nl; dmarc=fail header.from=example.nl"));

        await _imap.AppendAsync(forged);
        await ProcessAsync();

        Assert.Equal(1, await _root.WithDbAsync(db => db.Messages.CountAsync(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)))));
    }

    [Fact]
    public async Task The_code_in_the_subject_from_the_customers_own_address_adds_a_message()
    {
        var (code, email, _) = await ComplaintWithReplyAsync();

        await _imap.AppendAsync(Verified(Mail(email, "Fatima el Amrani", $"Vraag over {TrackingCode.Parse(code).Display}", "Wanneer krijg ik mijn geld?")));
        await ProcessAsync();

        Assert.Equal(2, await _root.WithDbAsync(db => db.Messages.CountAsync(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)))));
    }

    [Fact]
    public async Task Auto_replies_and_list_mail_create_nothing_and_are_moved()
    {
        var autoReply = Mail(Unique("vakantie"), "Vakantie", "Afwezig", "Ik ben er niet.");
        autoReply.Headers.Add("Auto-Submitted", "auto-replied");
        var bulk = Mail(Unique("nieuwsbrief"), "Nieuwsbrief", "Aanbiedingen", "Koop nu.");
        bulk.Headers.Add("Precedence", "bulk");
        var before = await _root.WithDbAsync(db => db.Complaints.CountAsync());

        await _imap.AppendAsync(autoReply);
        await _imap.AppendAsync(bulk);
        await ProcessAsync();

        Assert.Equal(before, await _root.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.Equal(0, await _imap.CountAsync("INBOX"));
    }

    [Fact]
    public async Task A_bounce_of_our_letter_marks_that_letter_bounced_and_creates_no_complaint()
    {
        var (code, _, replyId) = await ComplaintWithReplyAsync();
        var bounce = new MimeMessage();
        bounce.From.Add(new MailboxAddress("Mail Delivery System", "mailer-daemon@example.nl"));
        bounce.To.Add(new MailboxAddress("KlantCentraal", "klantenservice@klantcentraal.test"));
        bounce.Subject = "Undelivered Mail Returned to Sender";
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Het bericht kon niet worden bezorgd." },
            new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("Reporting-MTA: dns; mx.example.nl\n\nFinal-Recipient: rfc822; weg@example.nl\nAction: failed\nStatus: 5.1.1\n"u8.ToArray())) },
            new TextPart("rfc822-headers") { Text = $"Message-ID: <{replyId}>\nSubject: Antwoord op uw klacht\n" },
        };
        bounce.Body = report;
        var before = await _root.WithDbAsync(db => db.Complaints.CountAsync());

        await _imap.AppendAsync(bounce);
        await ProcessAsync();

        Assert.Equal(before, await _root.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.NotNull(await _root.WithDbAsync(db => db.OutgoingMails.Where(m => m.EmailMessageId == replyId).Select(m => m.BouncedAt).SingleAsync()));
        var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        Assert.Contains("Teruggekomen op", await desk.GetHtmlAsync($"/Desk/Complaint/{code}"));
    }

    [Fact]
    public async Task The_same_email_delivered_twice_makes_one_complaint()
    {
        var email = Unique("dubbel");
        var message = Mail(email, "Dubbel", "Koelkast", "Hij koelt niet.");

        await _imap.AppendAsync(message);
        await _imap.AppendAsync(message);
        await ProcessAsync();

        Assert.Equal(1, await _root.WithDbAsync(db => db.Complaints.CountAsync(c => c.Customer!.Email == email)));
    }

    [Fact]
    public async Task Malformed_mime_is_read_as_well_as_it_can_and_never_stops_the_round()
    {
        var email = Unique("kapot");
        var raw = $"From: Kapot <{email}>\r\nTo: klachten@example.test\r\nSubject: Rommel\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nooit\"\r\n\r\n--nooit\r\nContent-Type: text/plain\r\n\r\nDe kettle is stuk\r\n--nooit\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!geen base64!!!!\r\n";
        await _imap.AppendAsync(MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(raw))));
        await _imap.AppendAsync(Mail(Unique("daarna"), "Daarna", "Waterkoker", "Lekt."));

        await ProcessAsync();

        Assert.Equal(0, await _imap.CountAsync("INBOX"));
        Assert.Contains("De kettle is stuk", (await ComplaintOfAsync(email)).Messages.Single().Body);
    }

    [Fact]
    public async Task A_25_mb_email_becomes_a_complaint_and_names_the_attachments_it_could_not_take()
    {
        var email = Unique("groot");
        var builder = new BodyBuilder { TextBody = "Twee grote bestanden." };
        var random = new Random(7);
        for (var i = 0; i < 2; i++)
        {
            var bytes = new byte[9 * 1024 * 1024];
            random.NextBytes(bytes);
            builder.Attachments.Add($"groot{i}.bin", bytes);
        }

        var message = Mail(email, "Groot", "Grote bijlagen", null);
        message.Body = builder.ToMessageBody();
        await _imap.AppendAsync(message);

        await ProcessAsync();

        var body = (await ComplaintOfAsync(email)).Messages.Single().Body;
        Assert.Contains("Bijlagen niet aangenomen: groot0.bin, groot1.bin", body);
        Assert.Equal(0, await _imap.CountAsync("INBOX"));
    }

    private async Task<(string Code, string Email, string ReplyId)> ComplaintWithReplyAsync()
    {
        var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var email = Unique("fatima");
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email))).TrackingCode();
        await desk.PostFormAsync($"/Desk/Complaint/{code}", new Dictionary<string, string> { ["ReplyText"] = "Kunt u een foto sturen?" }, $"/Desk/Complaint/{code}?handler=Reply");
        var replyId = await _root.WithDbAsync(db => db.Messages.Where(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code))).Select(m => m.EmailMessageId!).SingleAsync());
        return (code, email, replyId);
    }

    private async Task<int> ProcessAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboundMailbox>().ProcessAsync(CancellationToken.None);
    }

    private Task<Complaint> ComplaintOfAsync(string email) =>
        _root.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Customer).Include(c => c.Messages).SingleAsync(c => c.Customer!.Email == email));

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@example.nl";

    /// <summary>The authserv-id the tests' mail server stamps (InboundMail:TrustedAuthServId).</summary>
    private const string OurMailServer = "mx.klantcentraal.test";

    /// <summary>The message as our mail server passes it on after the sender's domain passed DMARC.</summary>
    private static MimeMessage Verified(MimeMessage message)
    {
        message.Headers.Insert(0, new Header(HeaderId.AuthenticationResults, $"{OurMailServer}; spf=pass smtp.mailfrom=example.nl; dkim=pass header.d=example.nl; dmarc=pass header.from=example.nl"));
        return message;
    }

    internal static MimeMessage Mail(string from, string name, string subject, string? text)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, from));
        message.To.Add(new MailboxAddress("Klantenservice", DovecotServer.User));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.nl");
        if (text is not null)
        {
            message.Body = new TextPart("plain") { Text = text };
        }

        return message;
    }

    /// <summary>As an earlier two-step import left it after a crash between its steps: the complaint, without the e-mail's key or message.</summary>
    private async Task StoreWithoutItsMessageAsync(MimeMessage mail, string email)
    {
        var submission = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("email:" + mail.MessageId))[..16]);
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Web.Complaints.ComplaintDesk>().ReceiveAsync(
            new Web.Complaints.Receive(submission, "email", new Web.Complaints.CustomerContact("Half Geïmporteerd", email, null, null), new ComplaintDetails(Channel.Email, ComplaintCategory.Other, "Föhn", null, null, null, ReceiptStatus.Unknown, "Föhn", ResolutionType.Apology)),
            CancellationToken.None);
    }
}
