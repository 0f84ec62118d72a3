using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Webhooks;

/// <summary>Configuration <c>Webhooks:*</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Deliver to loopback, link-local and private addresses too (a receiver inside the network; tests). Off: such addresses are refused (SSRF).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Whether this instance runs the sender. Every instance may; leases keep them apart.</summary>
    public bool WorkerEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; it doubles with every further one, up to six hours.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an event is tried before it is given up and its endpoint paused (administrators are told).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>
/// Outgoing webhooks (issue 29, ADR 0029): <see cref="RaiseAsync"/> writes an event for every endpoint that wants it
/// into the caller's unit of work, so it commits with the change it tells of (the outbox); <see cref="WebhookSender"/>
/// sends it after commit. Endpoints are kept a minute per instance (a change on this instance applies at once).
/// </summary>
public sealed class Webhooks(AppDbContext db, IMemoryCache cache, IDataProtectionProvider protection, Organisation.PublicLinks links, TimeProvider time)
{
    private const string CacheKey = "webhooks:endpoints";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly IDataProtector _secrets = protection.CreateProtector("KlantCentraal.Webhooks.Secret");

    /// <summary>After an endpoint changed: the next event reads the endpoints again.</summary>
    public void EndpointsChanged() => cache.Remove(CacheKey);

    /// <summary>
    /// Adds an event of <paramref name="type"/> with <paramref name="data"/> (facts, no personal data) for each endpoint
    /// that wants it to the caller's unit of work. Nothing is written when none does.
    /// </summary>
    public async Task RaiseAsync(string type, object data, CancellationToken cancellationToken)
    {
        var wanting = (await EndpointsAsync(cancellationToken)).Where(e => e.Wants(type)).ToList();
        foreach (var endpoint in wanting)
        {
            db.WebhookDeliveries.Add(Delivery(endpoint.Id, type, data));
        }
    }

    /// <summary>A complaint's facts for its events: its code, store code, channel and category; and the resolution when there is one.</summary>
    public async Task RaiseForComplaintAsync(string type, Complaint complaint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (!(await EndpointsAsync(cancellationToken)).Any(e => e.Wants(type)))
        {
            return;
        }

        var store = complaint.StoreId is { } id ? await db.Stores.Where(s => s.Id == id).Select(s => s.Code).FirstOrDefaultAsync(cancellationToken) : null;
        var resolution = complaint.Resolution;
        await RaiseAsync(type, new
        {
            trackingCode = complaint.TrackingCode.Display,
            storeCode = store,
            channel = complaint.Channel,
            category = complaint.Category,
            status = complaint.Status,
            receivedAt = complaint.ReceivedAt,
            respondBy = complaint.RespondBy,
            remedy = resolution?.Type,
            amountCents = resolution?.AmountCents,
            resolvedAt = resolution?.GrantedAt,
            paidOn = resolution?.PaidOn,
            // Which staff accounts co-signed, by id (issue 41/10: facts, never a person's name; the API names no staff either).
            coSignedByStaffIds = type == WebhookEvents.CoSignGranted ? new[] { resolution?.CoSignedById, resolution?.SecondCoSignedById }.OfType<string>().ToArray() : null,
        }, cancellationToken);
    }

    /// <summary>
    /// An investigation's facts for its events: its product title, status, cause category and which complaints it
    /// covers — not the managers' free text (the improvement is read through the API, whose key is checked; issue 41/10).
    /// </summary>
    public static object InvestigationFacts(RootCauseInvestigation investigation)
    {
        ArgumentNullException.ThrowIfNull(investigation);
        return new
        {
            id = investigation.Id,
            title = investigation.Title,
            category = investigation.Category,
            status = investigation.Status,
            causeCategory = investigation.CauseCategory,
            hasImprovement = investigation.ImprovementText is not null,
            complaints = investigation.Complaints.Select(c => c.TrackingCode.Display).ToArray(),
        };
    }

    /// <summary>Registers an endpoint; returns it and its signing secret, shown once.</summary>
    public (WebhookEndpoint Endpoint, string Secret) Register(Uri url, string description, IEnumerable<string> events)
    {
        ArgumentNullException.ThrowIfNull(url);
        var secret = WebhookEndpoint.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Url = url.AbsoluteUri,
            Description = description.Trim(),
            Events = [.. events.Where(WebhookEvents.All.Contains).Distinct()],
            ProtectedSecret = _secrets.Protect(secret),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.WebhookEndpoints.Add(endpoint);
        return (endpoint, secret);
    }

    /// <summary>The "send test event" button: one webhook.test to this endpoint, whatever it subscribed to.</summary>
    public void RaiseTest(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        db.WebhookDeliveries.Add(Delivery(endpoint.Id, WebhookEvents.Test, new { message = "Een testbericht van KlantCentraal." }));
    }

    /// <summary>The endpoint's secret, to sign with.</summary>
    public string SecretOf(WebhookEndpoint endpoint) => _secrets.Unprotect(endpoint.ProtectedSecret);

    /// <summary>
    /// The Standard Webhooks signature of a message: "v1," and the base64 HMAC-SHA256, keyed with the secret's bytes,
    /// of "{id}.{timestamp}.{body}".
    /// </summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}")));
    }

    private WebhookDelivery Delivery(int endpointId, string type, object data)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id.ToString(),
            Source = new Uri(links.Base, "api/v1"),
            Type = WebhookEvents.TypePrefix + type,
            Time = now,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(data, Json),
        };
        var body = Encoding.UTF8.GetString(new JsonEventFormatter().EncodeStructuredModeMessage(cloudEvent, out _).Span);
        return new WebhookDelivery { EndpointId = endpointId, EventId = id, Type = type, Body = body, CreatedAt = now, AvailableAt = now };
    }

    private async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (IReadOnlyList<WebhookEndpoint>)await db.WebhookEndpoints.AsNoTracking().Where(e => e.PausedAt == null).ToListAsync(cancellationToken);
        }) ?? [];
}

/// <summary>
/// Sends the events owed (<see cref="WebhookDelivery"/>): claimed by a conditional UPDATE with a lease (several
/// instances never send one twice at once), POSTed as a CloudEvent signed per Standard Webhooks, within
/// <see cref="WebhookOptions.Timeout"/>, never following a redirect, to public addresses only (resolved and pinned at
/// connect, <see cref="PinnedConnect"/>). A 2xx delivers; 410 Gone pauses the endpoint; anything else waits and
/// tries again, doubling, until <see cref="WebhookOptions.GiveUpAfter"/>, when the endpoint is paused and the
/// administrators are e-mailed. At least once: the receiver deduplicates on webhook-id.
/// </summary>
public sealed class WebhookSender(
    AppDbContext db,
    Webhooks webhooks,
    IHttpClientFactory clients,
    WriteGate gate,
    Mailer mailer,
    TimeProvider time,
    IOptionsMonitor<WebhookOptions> options,
    Hosting.AppMetrics metrics,
    ILogger<WebhookSender> logger)
{
    public const string ClientName = "webhooks";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Sends every event that is due. Returns how many were delivered.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var tried = new List<int>(); // one attempt per event per round, however short its wait
        for (var round = 0; round < 50; round++)
        {
            var now = Now();
            var due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.DeliveredAt == null && d.GivenUpAt == null && d.AvailableAt <= now && !tried.Contains(d.Id))
                .OrderBy(d => d.Id).Take(20).Select(d => d.Id).ToListAsync(cancellationToken);
            tried.AddRange(due);
            if (due.Count == 0)
            {
                break;
            }

            var leaseUntil = now + Lease;
            await using (await gate.EnterAsync(db, cancellationToken))
            {
                await db.WebhookDeliveries
                    .Where(d => due.Contains(d.Id) && d.DeliveredAt == null && d.GivenUpAt == null && d.AvailableAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, Owner).SetProperty(d => d.AvailableAt, leaseUntil).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
            }

            var ours = await db.WebhookDeliveries.AsNoTracking().Where(d => due.Contains(d.Id) && d.LeaseOwner == Owner && d.AvailableAt == leaseUntil).ToListAsync(cancellationToken);
            foreach (var delivery in ours)
            {
                delivered += await SendAsync(delivery, cancellationToken) ? 1 : 0;
            }
        }

        return delivered;
    }

    /// <summary>Sends this delivery again now (from the log): due at once, its attempts counted on.</summary>
    public async Task RedeliverAsync(int deliveryId, CancellationToken cancellationToken)
    {
        var now = Now();
        await using (await gate.EnterAsync(db, cancellationToken))
        {
            await db.WebhookDeliveries.Where(d => d.Id == deliveryId && (d.LeaseOwner == null || d.AvailableAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.AvailableAt, now).SetProperty(d => d.DeliveredAt, (DateTime?)null).SetProperty(d => d.GivenUpAt, (DateTime?)null).SetProperty(d => d.CreatedAt, now).SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken);
        }

        await ProcessPendingAsync(cancellationToken);
    }

    private async Task<bool> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (endpoint is null || (endpoint.PausedAt is not null && delivery.Type != WebhookEvents.Test))
        {
            await FinishAsync(delivery, delivered: false, givenUp: true, wait: TimeSpan.Zero, cancellationToken);
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? answer;
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/cloudevents+json") };
            request.Headers.Add("webhook-id", delivery.EventId.ToString());
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", Webhooks.Sign(webhooks.SecretOf(endpoint), delivery.EventId.ToString(), timestamp, delivery.Body));
            var client = clients.CreateClient(ClientName);
            client.Timeout = options.CurrentValue.Timeout;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            answer = text.Length > WebhookAttempt.AnswerMaxLength ? text[..WebhookAttempt.AnswerMaxLength] : text;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            answer = e is TaskCanceledException ? $"Geen antwoord binnen {options.CurrentValue.Timeout.TotalSeconds:0} seconden." : e.Message;
            answer = answer.Length > WebhookAttempt.AnswerMaxLength ? answer[..WebhookAttempt.AnswerMaxLength] : answer;
        }

        var duration = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        db.WebhookAttempts.Add(new WebhookAttempt { DeliveryId = delivery.Id, EndpointId = endpoint.Id, At = Now(), Status = status, DurationMs = duration, Answer = answer });
        await gate.SaveAsync(db, cancellationToken);
        db.ChangeTracker.Clear();

        if (status is >= 200 and < 300)
        {
            await FinishAsync(delivery, delivered: true, givenUp: false, TimeSpan.Zero, cancellationToken);
            return true;
        }

        metrics.WebhookFailed(delivery.Type);
        if (status == StatusCodes.Status410Gone)
        {
            await PauseAsync(endpoint, "410 Gone: de ontvanger wil niets meer krijgen.", tellAdministrators: false, cancellationToken);
            await FinishAsync(delivery, delivered: false, givenUp: true, TimeSpan.Zero, cancellationToken);
            return false;
        }

        var wait = Hosting.Backoff.After(delivery.Attempts, options.CurrentValue.FirstRetryAfter);
        var givenUp = Now() + wait - delivery.CreatedAt > options.CurrentValue.GiveUpAfter;
        await FinishAsync(delivery, delivered: false, givenUp, wait, cancellationToken);
        if (givenUp)
        {
            await PauseAsync(endpoint, $"Drie dagen zonder geslaagde aflevering (laatst: {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? answer}).", tellAdministrators: true, cancellationToken);
        }
        else
        {
            logger.LogWarning("Webhook {DeliveryId} ({Type}) to endpoint {EndpointId} failed ({Status}); trying again after {Wait}", delivery.Id, delivery.Type, endpoint.Id, status, wait);
        }

        return false;
    }

    private async Task FinishAsync(WebhookDelivery delivery, bool delivered, bool givenUp, TimeSpan wait, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var turn = await gate.EnterAsync(db, cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeaseOwner == Owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DeliveredAt, delivered ? now : null)
            .SetProperty(d => d.GivenUpAt, givenUp ? now : null)
            .SetProperty(d => d.AvailableAt, now + wait)
            .SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken);
    }

    private async Task PauseAsync(WebhookEndpoint endpoint, string because, bool tellAdministrators, CancellationToken cancellationToken)
    {
        // The receiver's own words may be long: the column (and SQL Server) takes 300 characters.
        because = because.Length > WebhookEndpoint.PausedBecauseMaxLength ? because[..WebhookEndpoint.PausedBecauseMaxLength] : because;
        var now = Now();
        int paused;
        await using (await gate.EnterAsync(db, cancellationToken))
        {
            paused = await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.PausedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.PausedAt, now).SetProperty(e => e.PausedBecause, because), cancellationToken);
        }

        webhooks.EndpointsChanged();
        logger.LogError("Webhook endpoint {EndpointId} paused: {Because}", endpoint.Id, because);
        if (paused == 0 || !tellAdministrators)
        {
            return;
        }

        var admins = await db.Users.Where(u => u.IsActive && u.Email != null && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Admin)))
            .Select(u => new { u.Email, u.FirstName }).ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            await mailer.SendAsync(admin.Email!, admin.FirstName, $"Webhook gepauzeerd: {endpoint.Url}", $"Hallo {admin.FirstName},\n\nKlantCentraal stuurt niets meer naar {endpoint.Url} ({endpoint.Description}): {because}\n\nZet het eindpunt weer aan op Beheer → Webhooks zodra de ontvanger werkt; berichten die bleven liggen kunt u daar opnieuw versturen.\n", cancellationToken);
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Connects only to an address that is allowed: the host is resolved here and the connection made to the address
    /// that was checked, so a name that resolves to a public address first and a private one later (DNS rebinding)
    /// cannot reach inside the network.
    /// </summary>
    public static async ValueTask<Stream> PinnedConnect(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var address = addresses.FirstOrDefault(a => allowPrivate || IsPublic(a))
            ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} is een adres binnen een netwerk of van internet niet te bereiken (zoals loopback, privé, link-local of gereserveerd); daar stuurt KlantCentraal niets heen.");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether an address is on the public internet: not in an IANA special-purpose block that is not globally
    /// reachable (loopback, private, shared/CGNAT, link-local, benchmarking, documentation, reserved, multicast, the
    /// IETF protocol block, discard-only, NAT64's local prefix, unique-local, site-local, SRv6) — and for the IPv6 forms
    /// that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>),
    /// the embedded IPv4 address must be public too. Teredo (<c>2001::/32</c>) hides its address and is refused whole.
    /// Only global unicast (<c>2000::/3</c>) counts as public IPv6. Registries: IANA IPv4 and IPv6 Special-Purpose Address Registries.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicIPv4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        bool Prefix(params byte[] prefix) => b.AsSpan(0, prefix.Length).SequenceEqual(prefix);
        if (address.IsIPv4MappedToIPv6 || (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !IPAddress.IPv6Loopback.Equals(address) && !IPAddress.IPv6Any.Equals(address)))
        {
            // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the deprecated IPv4-compatible form) reach the IPv4 address.
            return IsPublicIPv4(b.AsSpan(12, 4));
        }

        if (Prefix(0x00, 0x64, 0xff, 0x9b) && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicIPv4(b.AsSpan(12, 4)); // NAT64's well-known prefix 64:ff9b::/96 reaches the IPv4 address
        }

        if (Prefix(0x20, 0x02))
        {
            return IsPublicIPv4(b.AsSpan(2, 4)); // 6to4: 2002:aabb:ccdd::/48 is the IPv4 address aa.bb.cc.dd
        }

        if ((b[0] & 0xe0) != 0x20)
        {
            return false; // outside global unicast 2000::/3: ::, ::1, 64:ff9b:1::/48, 100::/64, fc00::/7, fe80::/10, fec0::/10, ff00::/8, 5f00::/16 …
        }

        return !(Prefix(0x20, 0x01) && b[2] < 0x02 // 2001::/23, the IETF protocol block (Teredo 2001::/32 among it)
            || Prefix(0x20, 0x01, 0x0d, 0xb8) // 2001:db8::/32, documentation
            || (Prefix(0x3f, 0xff) && b[2] < 0x10)); // 3fff::/20, documentation
    }

    private static bool IsPublicIPv4(ReadOnlySpan<byte> b) => !(
        b[0] == 0 // 0.0.0.0/8 "this network"
        || b[0] == 10 // private
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // 100.64.0.0/10 shared address space (CGNAT)
        || b[0] == 127 // loopback
        || (b[0] == 169 && b[1] == 254) // link-local (the cloud's metadata service)
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) // private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2) // TEST-NET-1
        || (b[0] == 192 && b[1] == 88 && b[2] == 99) // 6to4 relay anycast (deprecated)
        || (b[0] == 192 && b[1] == 168) // private
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113) // TEST-NET-3
        || b[0] >= 224); // multicast 224.0.0.0/4, reserved 240.0.0.0/4, broadcast

}
