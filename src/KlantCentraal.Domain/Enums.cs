namespace KlantCentraal.Domain;

/// <summary>How the complaint reached us.</summary>
public enum Channel
{
    Counter,
    Phone,
    Email,
    Web,
}

/// <summary>What the complaint is about, for grouping investigations.</summary>
public enum ComplaintCategory
{
    ProductDefect,
    Delivery,
    Service,
    Billing,
    Other,
}

/// <summary>Whether the customer has a receipt. Information only: no rule ever requires one.</summary>
public enum ReceiptStatus
{
    Unknown,
    Yes,
    No,
}

/// <summary>The customer-facing life of a complaint: Ontvangen → Opgelost → Oorzaak in onderzoek → Afgerond.</summary>
public enum ComplaintStatus
{
    Received,
    Resolved,
    Investigating,
    Closed,
}

/// <summary>What the customer gets at once.</summary>
public enum ResolutionType
{
    Refund,
    Replacement,
    Repair,
    Voucher,
    Apology,
}

public enum RefundMethod
{
    Cash,
    Card,
    BankTransfer,
    OriginalPayment,
}

/// <summary>The six Ishikawa M's.</summary>
public enum CauseCategory
{
    People,
    Process,
    Equipment,
    Materials,
    Measurement,
    Environment,
}

public enum InvestigationStatus
{
    Open,
    InProgress,
    Fixed,
    Verified,
    ClosedWithoutCause,
    Merged,
}

public enum TimelineEventKind
{
    Received,
    Resolved,
    QueuedForInvestigation,
    JoinedInvestigation,
    Closed,
    CoSigned,
    Corrected,
    MovedToInvestigation,
    FeedbackGiven,
    LinkedToCustomer,
    MessageReceived,
    ReplySent,
    StoreChanged,
    PromiseExtended,
}
