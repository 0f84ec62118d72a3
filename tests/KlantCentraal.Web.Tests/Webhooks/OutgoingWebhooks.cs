using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Web.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Webhooks;

/// <summary>
/// Issue 29, part 2: events go out as signed CloudEvents to a real receiver — once per event, again after the receiver
/// was down (with the same webhook-id), never to an address inside the network unless allowed; 410 Gone and days of
/// failures pause the endpoint.
/// </summary>
public sealed partial class OutgoingWebhooks : IAsyncLifetime, IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private WebhookReceiver _receiver = null!;

    [GeneratedRegex("data-testid=\"new-secret\">([^<]+)<")]
    private static partial Regex NewSecret();

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public void Dispose() => _root.Dispose();

    private WebApplicationFactory<Program> App(params (string Key, string Value)[] settings) =>
        _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Webhooks:AllowPrivateNetworks", "true").UseSetting("Webhooks:FirstRetryAfter", "00:00:00").UseSetting("Organisation:PublicBaseUrl", "https://klachten.winkelketen.nl");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    [Fact]
    public async Task Each_event_arrives_once_as_a_signed_cloudevent_without_personal_data_and_the_log_shows_it()
    {
        using var app = App();
        var admin = await AdminAsync(app);
        var endpointId = await RegisterAsync(admin, WebhookEvents.ComplaintReceived, WebhookEvents.ComplaintResolved, WebhookEvents.MessageReceived);
        var email = $"webhook.{Guid.NewGuid():N}@example.nl";

        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(email).With("Input.StoreCode", "UTR-01"));
        var code = await _root.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).Select(c => c.TrackingCode).SingleAsync());
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        await desk.PostFormAsync($"/Desk/Resolve/{code.Value}", new Dictionary<string, string> { ["Input.ResolutionType"] = "Refund", ["Input.Amount"] = "19,95", ["Input.RefundMethod"] = "Cash" });
        Assert.Equal(2, await SendAsync(app));
        Assert.Equal(0, await SendAsync(app)); // once

        var events = _receiver.Requests.ToList();
        Assert.Equal(["nl.klantcentraal.complaint.received", "nl.klantcentraal.complaint.resolved"], events.Select(e => e.Event.GetProperty("type").GetString()));
        Assert.All(events, e =>
        {
            Assert.True(e.SignatureValid);
            Assert.StartsWith("application/cloudevents+json", e.ContentType, StringComparison.Ordinal);
            Assert.Equal("1.0", e.Event.GetProperty("specversion").GetString());
            Assert.Equal(e.Id, e.Event.GetProperty("id").GetString());
            Assert.Equal(code.Display, e.Event.GetProperty("data").GetProperty("trackingCode").GetString());
            Assert.DoesNotContain(email, e.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Lotte", e.Body, StringComparison.Ordinal);
        });
        var resolved = events[1].Event.GetProperty("data");
        Assert.Equal(("Refund", 1995, "UTR-01"), (resolved.GetProperty("remedy").GetString(), resolved.GetProperty("amountCents").GetInt64(), resolved.GetProperty("storeCode").GetString()));
        var log = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Webhooks?endpoint={endpointId}"));
        Assert.Contains("complaint.resolved", log);
        Assert.Contains("ontvangen 200", log);
    }

    /// <summary>Issue 41, finding 10: ADR 0029's facts only — a co-signature names staff accounts by id, an investigation sends no free text.</summary>
    [Fact]
    public async Task A_co_signature_and_an_investigation_are_told_as_facts_without_names_or_free_text()
    {
        using var app = App();
        var admin = await AdminAsync(app);
        await RegisterAsync(admin, WebhookEvents.CoSignGranted, WebhookEvents.InvestigationOpened);
        var desk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var signed = await desk.PostFormAsync("/Desk", DeskForm.Valid(product: $"Magnetron {Guid.NewGuid():N}").With("Input.Amount", "300,00").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Investigations.RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        Assert.Equal(2, await SendAsync(app));

        var managerId = await _root.WithDbAsync(db => db.Users.Where(u => u.Email == Accounts.Manager).Select(u => u.Id).SingleAsync());
        var cosign = Assert.Single(_receiver.Requests, r => r.Event.GetProperty("type").GetString() == "nl.klantcentraal.cosign.granted");
        Assert.Equal([managerId], cosign.Event.GetProperty("data").GetProperty("coSignedByStaffIds").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("Daan", cosign.Body, StringComparison.Ordinal);
        var opened = Assert.Single(_receiver.Requests, r => r.Event.GetProperty("type").GetString() == "nl.klantcentraal.investigation.opened");
        Assert.False(opened.Event.GetProperty("data").TryGetProperty("improvement", out _));
        Assert.False(opened.Event.GetProperty("data").GetProperty("hasImprovement").GetBoolean());
    }

    [Fact]
    public async Task Erasing_a_customer_tells_the_other_systems_by_number_and_tracking_codes_only()
    {
        using var app = App();
        var admin = await AdminAsync(app);
        await RegisterAsync(admin, WebhookEvents.CustomerErased);
        var email = $"vergeten.{Guid.NewGuid():N}@example.nl";
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid(email));
        var (customerId, code) = await _root.WithDbAsync(async db => await db.Complaints.Where(c => c.Customer!.Email == email).Select(c => new { c.CustomerId, c.TrackingCode }).SingleAsync()) is var x ? (x.CustomerId, x.TrackingCode) : default;

        await admin.PostFormAsync("/Admin/Privacy", new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={customerId}");
        Assert.Equal(1, await SendAsync(app));

        var erased = Assert.Single(_receiver.Requests);
        Assert.Equal("nl.klantcentraal.customer.erased", erased.Event.GetProperty("type").GetString());
        Assert.Equal(Domain.Customer.FormatNumber(customerId), erased.Event.GetProperty("data").GetProperty("customerNumber").GetString());
        Assert.Equal([code.Display], erased.Event.GetProperty("data").GetProperty("complaints").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(email, erased.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Finance_paying_a_refund_tells_the_other_systems_when_with_the_complaint_s_facts_only()
    {
        using var app = App();
        var admin = await AdminAsync(app);
        await RegisterAsync(admin, WebhookEvents.RefundPaid);
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.RefundMethod", "BankTransfer"))).TrackingCode();
        var finance = app.CreateClient(new() { AllowAutoRedirect = false });
        await finance.SignInAsync(Accounts.Finance);
        var today = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Organisation.OrganisationCalendar>(app.Services).Today();

        var paid = await finance.PostFormAsync("/Finance/Payouts", new Dictionary<string, string> { ["Code"] = code, ["PaidOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Reference"] = "BANK-77" }, "/Finance/Payouts?handler=Paid");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(1, await SendAsync(app));

        var told = Assert.Single(_receiver.Requests);
        Assert.Equal("nl.klantcentraal.refund.paid", told.Event.GetProperty("type").GetString());
        Assert.Equal(Domain.TrackingCode.Parse(code).Display, told.Event.GetProperty("data").GetProperty("trackingCode").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), told.Event.GetProperty("data").GetProperty("paidOn").GetString());
        Assert.DoesNotContain("BANK-77", told.Body, StringComparison.Ordinal); // the bank's reference stays with finance
    }

    [Fact]
    public async Task A_receiver_that_was_down_gets_the_event_with_the_same_id_and_a_slow_one_is_tried_again()
    {
        using var app = App(("Webhooks:Timeout", "00:00:01"));
        var admin = await AdminAsync(app);
        var endpointId = await RegisterAsync(admin, WebhookEvents.ComplaintReceived);

        _receiver.Status = StatusCodes.Status503ServiceUnavailable;
        var tested = await admin.PostFormAsync($"/Admin/Webhooks?endpoint={endpointId}", new Dictionary<string, string>(), $"/Admin/Webhooks?handler=Test&id={endpointId}");
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        Assert.Contains("ontvangen 503", WebUtility.HtmlDecode(await admin.GetHtmlAsync(tested.Location())));

        _receiver.Status = StatusCodes.Status200OK;
        Assert.Equal(1, await SendAsync(app));
        var ids = _receiver.Requests.Select(r => r.Id).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct()); // at least once, one id the receiver deduplicates on

        _receiver.Delay = TimeSpan.FromSeconds(3);
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid($"traag.{Guid.NewGuid():N}@example.nl"));
        Assert.Equal(0, await SendAsync(app));
        Assert.Contains("Geen antwoord binnen 1 seconden.", WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Webhooks?endpoint={endpointId}")));
        _receiver.Delay = TimeSpan.Zero;
        Assert.Equal(1, await SendAsync(app));
    }

    [Fact]
    public async Task Gone_pauses_the_endpoint_and_days_of_failures_pause_it_and_tell_the_administrators()
    {
        using var app = App(("Webhooks:GiveUpAfter", "00:00:00"));
        var admin = await AdminAsync(app);
        var gone = await RegisterAsync(admin, WebhookEvents.ComplaintReceived);

        _receiver.Status = StatusCodes.Status410Gone;
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid($"weg.{Guid.NewGuid():N}@example.nl"));
        await SendAsync(app);
        Assert.Contains("410 Gone", await _root.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == gone).Select(e => e.PausedBecause).SingleAsync()));
        Assert.Contains("Gepauzeerd sinds", WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/Webhooks")));
        var before = _receiver.Requests.Count;
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid($"gepauzeerd.{Guid.NewGuid():N}@example.nl"));
        await SendAsync(app);
        Assert.Equal(before, _receiver.Requests.Count); // a paused endpoint is sent nothing

        var failing = await RegisterAsync(admin, WebhookEvents.ComplaintReceived);
        _receiver.Status = StatusCodes.Status500InternalServerError;
        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid($"kapot.{Guid.NewGuid():N}@example.nl"));
        await SendAsync(app);
        Assert.NotNull(await _root.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == failing).Select(e => e.PausedAt).SingleAsync()));
        Assert.Contains(Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)), m => (m.Subject ?? string.Empty).StartsWith("Webhook gepauzeerd", StringComparison.Ordinal) && m.To.Mailboxes.Any(a => a.Address == Accounts.Admin));

        var resumed = await admin.PostFormAsync("/Admin/Webhooks", new Dictionary<string, string>(), $"/Admin/Webhooks?handler=Resume&id={failing}");
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Null(await _root.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == failing).Select(e => e.PausedAt).SingleAsync()));
    }

    [Fact]
    public async Task Addresses_inside_the_network_are_refused_when_registered_and_when_connecting_unless_allowed()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("Webhooks:FirstRetryAfter", "00:00:00"));
        var admin = await AdminAsync(app);
        foreach (var (url, says) in new[]
        {
            (_receiver.Url, "Vul een volledig https-adres in"),
            ("https://127.0.0.1/hook", "ligt binnen een netwerk"),
            ("https://10.1.2.3/hook", "ligt binnen een netwerk"),
            ("https://[::1]/hook", "ligt binnen een netwerk"),
            ("https://gebruiker:geheim@boekhouding.winkelketen.nl/hook", "zonder gebruikersnaam of wachtwoord"),
        })
        {
            var refused = await admin.PostFormAsync("/Admin/Webhooks", new Dictionary<string, string> { ["Address"] = url, ["Description"] = "Intern", ["Events"] = WebhookEvents.ComplaintReceived }, "/Admin/Webhooks?handler=Create");
            Assert.Contains(says, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }

        Assert.False(await _root.WithDbAsync(db => db.WebhookEndpoints.AnyAsync()));

        // A name that resolves inside the network (localhost here; DNS rebinding in real life) is refused at connect.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var webhooks = scope.ServiceProvider.GetRequiredService<Web.Webhooks.Webhooks>();
            webhooks.Register(new Uri(_receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)), "Rebinding", [WebhookEvents.ComplaintReceived]);
            await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().SaveChangesAsync();
            webhooks.EndpointsChanged();
        }

        await app.CreateClient().PostFormAsync("/Complain", OnlineForm.Valid($"intern.{Guid.NewGuid():N}@example.nl"));
        Assert.Equal(0, await SendAsync(app));
        Assert.Empty(_receiver.Requests);
        Assert.Contains("adres binnen een netwerk", await _root.WithDbAsync(db => db.WebhookAttempts.Select(a => a.Answer).SingleAsync()));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4001:82b::200e", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)] // the cloud's metadata service
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    // Issue 41, finding 5: transition forms carry an IPv4 address inside, and special-purpose blocks are not the internet.
    [InlineData("64:ff9b::a00:1", false)] // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::7f00:1", false)] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::808:808", true)] // NAT64 of 8.8.8.8
    [InlineData("64:ff9b:1::1", false)] // NAT64's local-use prefix
    [InlineData("2002:a00:1::1", false)] // 6to4 of 10.0.0.1
    [InlineData("2002:a9fe:a9fe::1", false)] // 6to4 of 169.254.169.254
    [InlineData("2002:808:808::1", true)] // 6to4 of 8.8.8.8
    [InlineData("2001::1", false)] // Teredo
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)] // Teredo
    [InlineData("100::1", false)] // discard-only
    [InlineData("2001:db8::1", false)] // documentation
    [InlineData("3fff::1", false)] // documentation
    [InlineData("::a00:1", false)] // IPv4-compatible 10.0.0.1
    [InlineData("::", false)]
    [InlineData("ff02::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("5f00::1", false)] // SRv6 SIDs
    [InlineData("198.18.0.1", false)] // benchmarking
    [InlineData("198.19.255.254", false)]
    [InlineData("192.0.0.8", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("224.0.0.251", false)]
    [InlineData("198.20.0.1", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("1.1.1.1", true)]
    public void Only_public_addresses_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookSender.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Our_signature_is_the_one_standard_webhooks_verifies()
    {
        var secret = WebhookEndpoint.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string body = "{\"specversion\":\"1.0\"}";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "evt-1",
            ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = Web.Webhooks.Webhooks.Sign(secret, "evt-1", timestamp, body),
        };

        new StandardWebhooks.StandardWebhook(secret).Verify(body, headers);
        headers["webhook-signature"] = Web.Webhooks.Webhooks.Sign(WebhookEndpoint.NewSecret(), "evt-1", timestamp, body);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhooks.StandardWebhook(secret).Verify(body, headers));
    }

    private static async Task<int> SendAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookSender>().ProcessPendingAsync(CancellationToken.None);
    }

    private static async Task<HttpClient> AdminAsync(WebApplicationFactory<Program> app)
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        return admin;
    }

    /// <summary>Registers the receiver on the admin page, as an administrator would, and gives it the secret shown once.</summary>
    private async Task<int> RegisterAsync(HttpClient admin, params string[] events)
    {
        var html = await admin.GetHtmlAsync("/Admin/Webhooks");
        var form = new List<KeyValuePair<string, string>> { new("Address", _receiver.Url), new("Description", "Boekhouding"), new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(html)) };
        form.AddRange(events.Select(e => new KeyValuePair<string, string>("Events", e)));
        var created = await admin.PostAsync("/Admin/Webhooks?handler=Create", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        _receiver.Secret = WebUtility.HtmlDecode(NewSecret().Match(await admin.GetHtmlAsync(created.Location())).Groups[1].Value);
        Assert.StartsWith("whsec_", _receiver.Secret);
        return await _root.WithDbAsync(db => db.WebhookEndpoints.OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync());
    }
}
