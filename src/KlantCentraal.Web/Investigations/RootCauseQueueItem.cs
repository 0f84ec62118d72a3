using KlantCentraal.Domain;

namespace KlantCentraal.Web.Investigations;

public enum QueueItemStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// A request to investigate the cause of a resolved complaint, written in the same transaction as the
/// resolution and taken by the <see cref="RootCauseQueueProcessor"/> (ADR 0003).
/// An item is claimed by setting a lease owner and expiry with a conditional update; an expired lease
/// may be claimed again, so a crashed instance never strands work.
/// </summary>
public sealed class RootCauseQueueItem
{
    private RootCauseQueueItem()
    {
    }

    public long Id { get; private set; }

    public int ComplaintId { get; private set; }

    public Complaint? Complaint { get; private set; }

    public DateTime EnqueuedAt { get; private set; }

    public QueueItemStatus Status { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTime? ProcessedAt { get; private set; }

    public string? LastError { get; private set; }

    public static RootCauseQueueItem For(Complaint complaint, DateTime enqueuedAt) => new()
    {
        Complaint = complaint,
        EnqueuedAt = enqueuedAt,
        Status = QueueItemStatus.Pending,
    };
}
