using System.Security.Cryptography;

namespace KlantCentraal.Web.Webhooks;

/// <summary>What the other systems can be told (issue 29): CloudEvents types, "nl.klantcentraal." + this name.</summary>
public static class WebhookEvents
{
    public const string ComplaintReceived = "complaint.received";
    public const string ComplaintResolved = "complaint.resolved";
    public const string MessageReceived = "message.received";
    public const string CoSignGranted = "cosign.granted";
    public const string InvestigationOpened = "investigation.opened";
    public const string InvestigationFixed = "investigation.fixed";
    public const string InvestigationVerified = "investigation.verified";
    public const string InvestigationClosed = "investigation.closed";
    public const string CustomerErased = "customer.erased";

    /// <summary>Finance paid a refund out (issue 43): the complaint's facts with the day it was paid.</summary>
    public const string RefundPaid = "refund.paid";

    /// <summary>Sent only by the "send test event" button.</summary>
    public const string Test = "webhook.test";

    public const string TypePrefix = "nl.klantcentraal.";

    public static readonly IReadOnlyList<string> All =
    [
        ComplaintReceived, ComplaintResolved, MessageReceived, CoSignGranted,
        InvestigationOpened, InvestigationFixed, InvestigationVerified, InvestigationClosed, CustomerErased, RefundPaid,
    ];
}

/// <summary>
/// An address an administrator registered to be told of events. The signing secret (Standard Webhooks,
/// "whsec_" + base64) is shown once; it is stored protected by Data Protection, since signing needs it back.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 200;
    public const int PausedBecauseMaxLength = 300;

    public int Id { get; set; }

    public string Url { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>The event names it wants (<see cref="WebhookEvents"/>).</summary>
    public List<string> Events { get; set; } = [];

    public string ProtectedSecret { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    /// <summary>Paused endpoints are sent nothing: by an administrator, after a 410 Gone, or after three days of failures.</summary>
    public DateTime? PausedAt { get; set; }

    public string? PausedBecause { get; set; }

    public bool Wants(string type) => PausedAt is null && Events.Contains(type);

    /// <summary>A new signing secret: "whsec_" and 32 random bytes in base64, as Standard Webhooks writes them.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// One event owed to one endpoint: written in the transaction of the change it tells of (the outbox), sent after
/// commit by <see cref="WebhookSender"/>, retried with back-off for three days. The body (a CloudEvent) is fixed when
/// the event happens; <see cref="EventId"/> is the webhook-id the receiver deduplicates on.
/// </summary>
public sealed class WebhookDelivery
{
    public int Id { get; set; }

    public int EndpointId { get; set; }

    public Guid EventId { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    /// <summary>When it may be sent (again); while a sender holds it, the end of its lease.</summary>
    public DateTime AvailableAt { get; set; }

    public string? LeaseOwner { get; set; }

    public int Attempts { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? GivenUpAt { get; set; }
}

/// <summary>One try to deliver, for the delivery log: the answer's status (none when the receiver could not be reached), how long it took and the first kilobyte of what it said.</summary>
public sealed class WebhookAttempt
{
    public const int AnswerMaxLength = 1024;

    public int Id { get; set; }

    public int DeliveryId { get; set; }

    public int EndpointId { get; set; }

    public DateTime At { get; set; }

    public int? Status { get; set; }

    public int DurationMs { get; set; }

    public string? Answer { get; set; }
}
