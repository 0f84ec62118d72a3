using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Webhooks;

/// <summary>
/// The administrator's steps on webhook endpoints (issue 29): register, pause, resume and send a test event, each in
/// one write with its audit entry; every instance forgets its cached endpoint list once the write is committed.
/// </summary>
public sealed class WebhookEndpoints(AppDbContext db, WriteGate gate, Webhooks webhooks, AuditLog audit, TimeProvider time)
{
    /// <summary>Registers an endpoint: Done with its id and its signing secret (<see cref="Outcome.Secret"/>), shown once.</summary>
    public Task<Outcome> RegisterAsync(Uri url, string description, IEnumerable<string> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        return gate.StepAsync(
            db,
            async effects =>
            {
                var (endpoint, secret) = webhooks.Register(url, description, events);
                audit.Record(AuditAction.WebhookEndpointChanged, nameof(WebhookEndpoint), url.Host, AuditNote.WebhookCreated, url.AbsoluteUri, string.Join(", ", endpoint.Events));
                EndpointsChanged(effects);
                await db.SaveChangesAsync(cancellationToken); // its id, for the page to show next
                return Outcome.Done(endpoint.Id) with { Secret = secret };
            },
            cancellationToken);
    }

    /// <summary>Every instance forgets its cached endpoint list once the write committed.</summary>
    private void EndpointsChanged(StepEffects effects) =>
        effects.Notice(_ =>
        {
            webhooks.EndpointsChanged();
            return Task.CompletedTask;
        });

    /// <summary>Nothing more goes to the endpoint until it is resumed; <paramref name="because"/> is shown in its row.</summary>
    public Task<Outcome> PauseAsync(int id, string because, CancellationToken cancellationToken) =>
        ChangeAsync(id, e => (e.PausedAt, e.PausedBecause) = (time.GetUtcNow().UtcDateTime, because), AuditNote.WebhookPaused, cancellationToken);

    public Task<Outcome> ResumeAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, e => (e.PausedAt, e.PausedBecause) = (null, null), AuditNote.WebhookResumed, cancellationToken);

    /// <summary>Adds one webhook.test for the endpoint, whatever it subscribed to; the sender delivers it.</summary>
    public Task<Outcome> RaiseTestAsync(int id, CancellationToken cancellationToken) =>
        gate.StepAsync(
            db,
            async _ =>
            {
                var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                if (endpoint is null)
                {
                    return Outcome.NotFound;
                }

                webhooks.RaiseTest(endpoint);
                return Outcome.Done(id);
            },
            cancellationToken);

    private Task<Outcome> ChangeAsync(int id, Action<WebhookEndpoint> change, AuditNote what, CancellationToken cancellationToken) =>
        gate.StepAsync(
            db,
            async effects =>
            {
                var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                if (endpoint is null)
                {
                    return Outcome.NotFound;
                }

                change(endpoint);
                audit.Record(AuditAction.WebhookEndpointChanged, nameof(WebhookEndpoint), new Uri(endpoint.Url).Host, what, endpoint.Url);
                EndpointsChanged(effects);
                return Outcome.Done(id);
            },
            cancellationToken);
}
