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
    ClockPaused,
    ClockResumed,
    Imported,

    /// <summary>Finance paid the refund out (issue 43): the detail is the payment day, yyyy-MM-dd.</summary>
    RefundPaid,
}

/// <summary>
/// The rules a complaint's promise runs under (issue 28), chosen by the organisation and per category:
/// a shop's own promise, the Wkkgz (healthcare) or the Awb (government bodies).
/// </summary>
public enum Regime
{
    /// <summary>An answer within the organisation's working days on the store's calendar; the clock pauses while the complaint waits on the customer.</summary>
    Retail,

    /// <summary>Wet kwaliteit, klachten en geschillen zorg, art. 17: a decision within six weeks, once extendable by at most four, with a letter giving the reason.</summary>
    Wkkgz,

    /// <summary>Algemene wet bestuursrecht, art. 9:11: the same clocks, in the Awb's words.</summary>
    Awb,
}
