namespace KlantCentraal.Domain;

/// <summary>One thing that happened to a complaint: who, when, what.</summary>
public sealed class TimelineEvent
{
    public const int DetailMaxLength = 2000;

    private TimelineEvent()
    {
        ActorName = string.Empty;
    }

    internal TimelineEvent(TimelineEventKind kind, DateTime occurredAt, string actorName, string? actorId, string? detail)
    {
        Kind = kind;
        OccurredAt = occurredAt;
        ActorName = actorName;
        ActorId = actorId;
        Detail = detail is { Length: > DetailMaxLength } ? detail[..DetailMaxLength] : detail;
    }

    public long Id { get; private set; }

    public int ComplaintId { get; private set; }

    public TimelineEventKind Kind { get; private set; }

    public DateTime OccurredAt { get; private set; }

    /// <summary>First name of the staff member, or a system name such as "KlantCentraal".</summary>
    public string ActorName { get; private set; }

    public string? ActorId { get; private set; }

    public string? Detail { get; private set; }

    internal void Anonymise() => ActorName = Customer.AnonymousName;
}
