namespace KlantCentraal.Domain;

/// <summary>
/// The search for why something went wrong, handled by a manager after the customers have been helped.
/// One investigation holds all complaints with the same cause. Moves Open → In progress → Fixed → Verified,
/// or is Closed without cause (with a reason), or Merged into another investigation. Invalid moves throw.
/// </summary>
public sealed class RootCauseInvestigation
{
    public const int TitleMaxLength = 200;

    public const int ActionOwnerMaxLength = 100;
    public const int TextMaxLength = 2000;
    public const int WhyMaxLength = 500;
    public const int MaxWhys = 5;

    private readonly List<Complaint> _complaints = [];
    private List<string> _whys = [];

    private RootCauseInvestigation()
    {
        Title = string.Empty;
        ProductKey = string.Empty;
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    /// <summary><see cref="Title"/> as search compares it (<see cref="SearchText.Fold"/>); null only on rows from before it existed.</summary>
    public string? SearchTitle { get; private set; }

    /// <summary>Fills in <see cref="SearchTitle"/> for a row stored before it existed.</summary>
    public void RefreshSearchTitle() => SearchTitle = SearchText.Fold(Title);

    /// <summary>Article number, else normalised product name: complaints about one product share it.</summary>
    public string ProductKey { get; private set; }

    public ComplaintCategory Category { get; private set; }

    public InvestigationStatus Status { get; private set; }

    public DateTime OpenedAt { get; private set; }

    /// <summary>When the cause should be found, by the organisation's service level.</summary>
    public DateOnly DueDate { get; private set; }

    public string? OwnerId { get; private set; }

    /// <summary>The first name customers see as "who is looking into the cause".</summary>
    public string? OwnerName { get; private set; }

    /// <summary>The 5 whys, in order.</summary>
    public IReadOnlyList<string> Whys => _whys;

    public CauseCategory? CauseCategory { get; private set; }

    /// <summary>The analysis a fix needs: the cause category, the cause in one sentence and the corrective action.</summary>
    public bool IsAnalysed => CauseCategory is not null && CauseStatement is not null && CorrectiveAction is not null;

    public string? CauseStatement { get; private set; }

    public string? CorrectiveAction { get; private set; }

    public string? PreventiveAction { get; private set; }

    public string? ActionOwner { get; private set; }

    public DateOnly? ActionDueDate { get; private set; }

    /// <summary>Plain words for customers: what was improved thanks to their complaint.</summary>
    public string? ImprovementText { get; private set; }

    public DateTime? FixedAt { get; private set; }

    /// <summary>From this date the fix can be verified as effective.</summary>
    public DateOnly? EffectivenessCheckDate { get; private set; }

    public DateTime? VerifiedAt { get; private set; }

    public string? ClosedReason { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public int? MergedIntoId { get; private set; }

    /// <summary>Raised by every change, for optimistic concurrency.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Complaint> Complaints => _complaints;

    /// <summary>Open or in progress: still takes complaints and analysis.</summary>
    public bool IsActive => Status is InvestigationStatus.Open or InvestigationStatus.InProgress;

    public bool IsOverdue(DateOnly today) => IsActive && DueDate < today;

    /// <summary>Opens an investigation for a resolved complaint, owned by <paramref name="owner"/> when the category has one.</summary>
    public static RootCauseInvestigation OpenFor(Complaint complaint, DateTime at, DateOnly dueDate, StaffMember? owner = null)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (owner is { IsManager: false })
        {
            throw new DomainException(DomainError.OwnerMustBeManager, "Only a manager can own an investigation.");
        }

        var investigation = new RootCauseInvestigation
        {
            Title = Truncate(complaint.ProductName, TitleMaxLength),
            SearchTitle = SearchText.Fold(Truncate(complaint.ProductName, TitleMaxLength)),
            ProductKey = complaint.ProductKey,
            Category = complaint.Category,
            Status = InvestigationStatus.Open,
            OpenedAt = at,
            DueDate = dueDate,
            OwnerId = owner?.Id,
            OwnerName = owner?.FirstName,
        };
        investigation.Add(complaint, at);
        return investigation;
    }

    /// <summary>Adds a resolved complaint to this investigation.</summary>
    public void Add(Complaint complaint, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        RequireActive("take more complaints");
        complaint.JoinInvestigation(this, at);
        _complaints.Add(complaint);
        Version++;
    }

    /// <summary>Gives the investigation to a manager.</summary>
    public void Assign(StaffMember manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!manager.IsManager)
        {
            throw new DomainException(DomainError.OwnerMustBeManager, "Only a manager can own an investigation.");
        }

        RequireActive("be assigned");
        OwnerId = manager.Id;
        OwnerName = manager.FirstName;
        Version++;
    }

    /// <summary>A manager starts working on it: Open → In progress. Takes ownership when nobody has it.</summary>
    public void Start(StaffMember manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        RequireManager(manager);
        if (Status != InvestigationStatus.Open)
        {
            throw new DomainException(DomainError.InvestigationNotOpen, $"Investigation {Id} is {Status}; only an open investigation can be started.");
        }

        Status = InvestigationStatus.InProgress;
        OwnerId ??= manager.Id;
        OwnerName ??= manager.FirstName;
        Version++;
    }

    /// <summary>Records the 5 whys, the cause and the actions. Starts the investigation when it was still open.</summary>
    public void RecordAnalysis(InvestigationAnalysis analysis, StaffMember manager)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(manager);
        RequireManager(manager);
        RequireActive("be analysed");
        var whys = analysis.Whys.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim()).ToList();
        if (whys.Count > MaxWhys || whys.Any(w => w.Length > WhyMaxLength))
        {
            throw new DomainException(DomainError.TooManyOrTooLongWhys, $"At most {MaxWhys} whys of at most {WhyMaxLength} characters.", WhyMaxLength);
        }

        _whys = whys;
        CauseCategory = analysis.CauseCategory;
        CauseStatement = Clean(analysis.CauseStatement);
        CorrectiveAction = Clean(analysis.CorrectiveAction);
        PreventiveAction = Clean(analysis.PreventiveAction);
        ActionOwner = Clean(analysis.ActionOwner, ActionOwnerMaxLength);
        ActionDueDate = analysis.ActionDueDate;
        if (Status == InvestigationStatus.Open)
        {
            Status = InvestigationStatus.InProgress;
            OwnerId ??= manager.Id;
            OwnerName ??= manager.FirstName;
        }

        Version++;
    }

    /// <summary>
    /// The cause is fixed. Needs a cause category, a cause statement and a corrective action, and the
    /// plain-language text customers see. Every linked complaint is closed with that text. The effectiveness check
    /// lies on or after <paramref name="today"/>, the organisation's day (not the UTC date of <paramref name="at"/>).
    /// </summary>
    public void MarkFixed(string improvementText, DateOnly effectivenessCheckDate, StaffMember manager, DateTime at, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(manager);
        RequireManager(manager);
        RequireActive("be marked fixed");
        if (!IsAnalysed)
        {
            throw new DomainException(DomainError.AnalysisIncomplete, "An investigation can only be fixed with a cause category, a cause statement and a corrective action.");
        }

        ImprovementText = Clean(improvementText) ?? throw new DomainException(DomainError.ImprovementTextMissing, "Say in plain words what was improved.");
        if (effectivenessCheckDate < today)
        {
            throw new DomainException(DomainError.EffectivenessCheckInPast, "The effectiveness check cannot lie in the past.");
        }

        EffectivenessCheckDate = effectivenessCheckDate;
        Status = InvestigationStatus.Fixed;
        FixedAt = at;
        OwnerId ??= manager.Id;
        OwnerName ??= manager.FirstName;
        foreach (var complaint in _complaints)
        {
            complaint.Close(at, manager, ImprovementText);
        }

        Version++;
    }

    /// <summary>
    /// The fix proved effective. Only on or after the effectiveness check date, counted in the organisation's day
    /// (<paramref name="today"/>, ADR 0023), never the UTC date of <paramref name="at"/>.
    /// </summary>
    public void Verify(StaffMember manager, DateTime at, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(manager);
        RequireManager(manager);
        if (Status != InvestigationStatus.Fixed)
        {
            throw new DomainException(DomainError.InvestigationNotFixed, $"Investigation {Id} is {Status}; only a fixed investigation can be verified.");
        }

        if (today < EffectivenessCheckDate)
        {
            throw new DomainException(DomainError.EffectivenessCheckNotDue, $"The effectiveness check is due on {EffectivenessCheckDate:yyyy-MM-dd}; verify on or after that date.", date: EffectivenessCheckDate);
        }

        Status = InvestigationStatus.Verified;
        VerifiedAt = at;
        Version++;
    }

    /// <summary>Closes without a cause found. A reason is required. The customers' complaints are closed.</summary>
    public void CloseWithoutCause(string reason, StaffMember manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(manager);
        RequireManager(manager);
        RequireActive("be closed");
        ClosedReason = Clean(reason) ?? throw new DomainException(DomainError.CloseReasonMissing, "Give the reason for closing without a cause.");
        Status = InvestigationStatus.ClosedWithoutCause;
        ClosedAt = at;
        foreach (var complaint in _complaints)
        {
            complaint.Close(at, manager, improvement: null);
        }

        Version++;
    }

    /// <summary>Moves one complaint from this investigation to another active one.</summary>
    public void MoveComplaint(Complaint complaint, RootCauseInvestigation target, StaffMember manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(manager);
        RequireManager(manager);
        RequireActive("give up complaints");
        target.RequireActive("take more complaints", DomainError.TargetNotActive);
        if (ReferenceEquals(target, this) || (target.Id != 0 && target.Id == Id))
        {
            throw new DomainException(DomainError.TargetNotActive, "A complaint cannot be moved to the investigation it is in.");
        }

        if (!_complaints.Remove(complaint))
        {
            throw new DomainException(DomainError.ComplaintNotInInvestigation, $"Complaint {complaint.TrackingCode} is not in investigation {Id}.");
        }

        complaint.MoveTo(target, manager, at);
        target._complaints.Add(complaint);
        Version++;
        target.Version++;
    }

    /// <summary>Moves every complaint into <paramref name="target"/>; this investigation ends as Merged.</summary>
    public void MergeInto(RootCauseInvestigation target, StaffMember manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var complaint in _complaints.ToList())
        {
            MoveComplaint(complaint, target, manager, at);
        }

        Status = InvestigationStatus.Merged;
        MergedIntoId = target.Id;
        ClosedAt = at;
        ClosedReason = target.Title;
    }

    /// <summary>Splits the chosen complaints off into a new investigation with the same product, category, due date and owner.</summary>
    public RootCauseInvestigation Split(IReadOnlyCollection<Complaint> complaints, StaffMember manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        if (complaints.Count == 0 || complaints.Count >= _complaints.Count)
        {
            throw new DomainException(DomainError.SplitChoiceInvalid, "Choose at least one complaint, and leave at least one behind.");
        }

        var split = new RootCauseInvestigation
        {
            Title = Title,
            SearchTitle = SearchTitle,
            ProductKey = ProductKey,
            Category = Category,
            Status = InvestigationStatus.Open,
            OpenedAt = at,
            DueDate = DueDate,
            OwnerId = OwnerId,
            OwnerName = OwnerName,
        };
        foreach (var complaint in complaints)
        {
            MoveComplaint(complaint, split, manager, at);
        }

        return split;
    }

    private void RequireActive(string action, DomainError error = DomainError.InvestigationNotActive)
    {
        if (!IsActive)
        {
            throw new DomainException(error, $"Investigation {Id} is {Status}; it can no longer {action}.");
        }
    }

    private static void RequireManager(StaffMember staff)
    {
        if (!staff.IsManager)
        {
            throw new DomainException(DomainError.OnlyManagerChangesInvestigation, "Only a manager can change an investigation.");
        }
    }

    private static string? Clean(string? text, int max = TextMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > max ? throw new DomainException(DomainError.TextTooLong, $"A text has at most {max} characters.", max) : trimmed;
    }

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;
}

/// <summary>What a manager found: the 5 whys, the cause (one of the six M's) and the actions.</summary>
public sealed record InvestigationAnalysis(
    IReadOnlyList<string> Whys,
    CauseCategory? CauseCategory,
    string? CauseStatement,
    string? CorrectiveAction,
    string? PreventiveAction,
    string? ActionOwner,
    DateOnly? ActionDueDate);
