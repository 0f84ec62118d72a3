namespace KlantCentraal.Domain;

/// <summary>
/// Which rule a <see cref="DomainException"/> reports. The web layer translates each code once into a message in the
/// reader's language, so pages never re-check a rule to be able to say it in Dutch.
/// </summary>
public enum DomainError
{
    /// <summary>A rule without a code of its own (a programming error rather than something a user did).</summary>
    Unspecified,

    /// <summary>A text is longer than its limit (<see cref="DomainException.Limit"/>).</summary>
    TextTooLong,

    OnlyManagerChangesInvestigation,
    OwnerMustBeManager,
    InvestigationNotOpen,
    InvestigationNotActive,
    TooManyOrTooLongWhys,
    AnalysisIncomplete,
    ImprovementTextMissing,
    EffectivenessCheckInPast,
    InvestigationNotFixed,

    /// <summary>Verification before the effectiveness check date (<see cref="DomainException.Date"/>).</summary>
    EffectivenessCheckNotDue,
    CloseReasonMissing,
    TargetNotActive,
    ComplaintNotInInvestigation,
    SplitChoiceInvalid,

    ComplaintAlreadyResolved,
    CustomerErased,
    StoreClosed,
    FeedbackNotYetAsked,
    FeedbackAlreadyGiven,
    ScoreOutOfRange,
    RemarkTooLong,
    ComplaintNotUnderInvestigation,
    ComplaintNotResolved,

    CoSignerNotManager,
    CoSignerNotSecondManager,

    OnlyManagerFlagsTrust,
    TrustFlagReasonMissing,
    NoTrustFlag,

    StoreDetailsInvalid,
    StoreAlreadyClosed,
    OpeningHoursReversed,

    /// <summary>Only an unanswered complaint with a promised date can get more time.</summary>
    NothingToExtend,

    /// <summary>A promise is extended once.</summary>
    AlreadyExtended,

    /// <summary>The customer is told why: a reason is required.</summary>
    ExtensionReasonMissing,

    /// <summary>The new date lies on or before the promised one (<see cref="DomainException.Date"/>).</summary>
    ExtensionNotLater,

    /// <summary>The new date lies after the latest the rules allow (<see cref="DomainException.Date"/>).</summary>
    ExtensionTooLong,

    /// <summary>A message without words and without files.</summary>
    MessageEmpty,

    /// <summary>Only a refund finance pays out (bank transfer, original payment method), not yet paid, can be marked paid.</summary>
    RefundNotOwed,

    /// <summary>The payment date lies before the grant or after today (<see cref="DomainException.Date"/>: the earliest).</summary>
    PaidOnOutOfRange,

    /// <summary>A payment is marked with the bank's or provider's reference.</summary>
    PaymentReferenceMissing,
}

/// <summary>Thrown when a rule of the domain is broken, such as an invalid state transition. <see cref="Error"/> says which.</summary>
public sealed class DomainException : InvalidOperationException
{
    public DomainException(DomainError error, string message, int? limit = null, DateOnly? date = null)
        : base(message)
    {
        Error = error;
        Limit = limit;
        Date = date;
    }

    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException()
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainError Error { get; }

    /// <summary>The limit a <see cref="DomainError.TextTooLong"/> text went over.</summary>
    public int? Limit { get; }

    /// <summary>The date a rule names, such as the effectiveness check date.</summary>
    public DateOnly? Date { get; }
}
