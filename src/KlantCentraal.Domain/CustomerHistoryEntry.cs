namespace KlantCentraal.Domain;

public enum CustomerHistoryKind
{
    TrustFlagSet,
    TrustFlagLifted,
}

/// <summary>Something a manager decided about a customer: who, when, what and why.</summary>
public sealed class CustomerHistoryEntry
{
    private CustomerHistoryEntry()
    {
        ActorName = string.Empty;
        Reason = string.Empty;
    }

    internal CustomerHistoryEntry(CustomerHistoryKind kind, DateTime occurredAt, string actorName, string? actorId, string reason)
    {
        Kind = kind;
        OccurredAt = occurredAt;
        ActorName = actorName;
        ActorId = actorId;
        Reason = reason;
    }

    public long Id { get; private set; }

    public int CustomerId { get; private set; }

    public CustomerHistoryKind Kind { get; private set; }

    public DateTime OccurredAt { get; private set; }

    public string ActorName { get; private set; }

    public string? ActorId { get; private set; }

    public string Reason { get; private set; }

    internal void RemoveReason() => Reason = "-";
}
