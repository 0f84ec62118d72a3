namespace KlantCentraal.Domain;

/// <summary>
/// The search for why something went wrong, handled by a manager after the customer has been helped.
/// One investigation can hold many complaints with the same cause.
/// </summary>
public sealed class RootCauseInvestigation
{
    public const int TitleMaxLength = 200;

    private readonly List<Complaint> _complaints = [];

    private RootCauseInvestigation()
    {
        Title = string.Empty;
        ProductKey = string.Empty;
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    public string ProductKey { get; private set; }

    public ComplaintCategory Category { get; private set; }

    public InvestigationStatus Status { get; private set; }

    public DateTime OpenedAt { get; private set; }

    public IReadOnlyList<Complaint> Complaints => _complaints;

    /// <summary>Opens an investigation for a resolved complaint.</summary>
    public static RootCauseInvestigation OpenFor(Complaint complaint, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var title = complaint.ProductName.Length > TitleMaxLength ? complaint.ProductName[..TitleMaxLength] : complaint.ProductName;
        var investigation = new RootCauseInvestigation
        {
            Title = title,
            ProductKey = complaint.ProductKey,
            Category = complaint.Category,
            Status = InvestigationStatus.Open,
            OpenedAt = at,
        };
        investigation.Add(complaint, at);
        return investigation;
    }

    /// <summary>Adds a resolved complaint to this investigation.</summary>
    public void Add(Complaint complaint, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (Status is InvestigationStatus.Verified or InvestigationStatus.ClosedWithoutCause)
        {
            throw new DomainException($"Investigation {Id} is {Status}; it takes no more complaints.");
        }

        complaint.JoinInvestigation(this, at);
        _complaints.Add(complaint);
    }
}
