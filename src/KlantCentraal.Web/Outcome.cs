using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;

namespace KlantCentraal.Web;

/// <summary>What a step of an application service came to (issue 31: one outcome type for every service).</summary>
public enum OutcomeKind
{
    Done,

    /// <summary>The step would change nothing, so nothing was stored.</summary>
    Unchanged,
    NotFound,

    /// <summary>Someone else changed it since the page was shown; nothing was overwritten.</summary>
    Conflict,

    /// <summary>A rule said no: <see cref="Outcome.Refusal"/> says which. Nothing was stored.</summary>
    Refused,

    /// <summary>It belongs to a store the employee does not work for.</summary>
    NotYours,

    /// <summary>The policy asks a manager (or two) to co-sign: <see cref="Outcome.CoSign"/> says why. Nothing was stored.</summary>
    CoSignNeeded,

    /// <summary>The customer is known with another e-mail address: <see cref="Outcome.KnownEmail"/>. Nothing was stored.</summary>
    ConfirmEmail,

    /// <summary>The same customer complained about the same product a moment ago: <see cref="Outcome.Same"/>. Nothing was stored.</summary>
    SameComplaint,

    /// <summary>The phone number typed for a new customer is a known customer's, with another name: <see cref="Outcome.PhoneOf"/>. Nothing was stored.</summary>
    KnownPhone,
}

/// <summary>
/// The answer of every application service's step (<see cref="ComplaintDesk"/>, <see cref="Investigations.InvestigationSteps"/>, <see cref="Customers.CustomerTrust"/>,
/// <see cref="Conversations.ConversationDesk"/>), mapped once by its page or by the API (<see cref="Api.ApiOutcome"/>): a
/// refusal carries the domain's rule, a recorded complaint its tracking code, and each question the desk must answer
/// first what it needs to ask it. A rule's exception never reaches a page.
/// </summary>
public sealed record Outcome(OutcomeKind Kind)
{
    public DomainException? Refusal { get; init; }

    /// <summary>Done: which record to show next (the investigation, a split-off or merged one, the customer, the new message).</summary>
    public int Id { get; init; }

    /// <summary>Done by recording: the complaint (or, when the same submission came in twice, the one recorded before).</summary>
    public RecordedComplaint? Recorded { get; init; }

    public CoSignatureRequiredException? CoSign { get; init; }

    public string? KnownEmail { get; init; }

    public JustRecorded? Same { get; init; }

    /// <summary>Refused by the store's rules (<see cref="Stores.StoreDirectory.SaveAsync"/>): one code per broken rule, for the field it belongs to.</summary>
    public IReadOnlyList<StoreProblem> StoreProblems { get; init; } = [];

    /// <summary>Done by registering a webhook endpoint: its signing secret, shown once.</summary>
    public string? Secret { get; init; }

    /// <summary>KnownPhone: the known customer whose phone number it is.</summary>
    public PossibleMatch? PhoneOf { get; init; }

    /// <summary>Customers owed a letter by this step: sent at once (the customer's own letter) or by the outbox's worker.</summary>
    public int Letters { get; init; }

    /// <summary>
    /// The letter sent at once went out (true); it could not and waits in the outbox, whose worker tries again (false);
    /// no letter was sent at once (null). Set by the gate from the step's effects (<see cref="Data.StepEffects"/>).
    /// </summary>
    public bool? Mailed { get; init; }

    public bool IsDone => Kind == OutcomeKind.Done;

    /// <summary>Done by recording a complaint: then <see cref="Recorded"/> is there, without a null-forgiving at the call site.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Recorded))]
    public bool IsRecorded => Kind == OutcomeKind.Done && Recorded is not null;

    /// <summary>The policy asks for a co-signature: then <see cref="CoSign"/> says why.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(CoSign))]
    public bool IsCoSignNeeded => Kind == OutcomeKind.CoSignNeeded && CoSign is not null;

    /// <summary>The recorded complaint's tracking code; asking it of an outcome that recorded nothing is a mistake.</summary>
    public string TrackingCode => Recorded?.TrackingCode ?? throw new InvalidOperationException($"Nothing was recorded: {Kind}.");

    public bool AlreadyRecorded => Recorded?.AlreadyRecorded ?? false;

    public static Outcome Done(int id = 0) => new(OutcomeKind.Done) { Id = id };

    public static Outcome Done(RecordedComplaint recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(OutcomeKind.Done) { Recorded = recorded };
    }

    public static Outcome NotFound { get; } = new(OutcomeKind.NotFound);

    public static Outcome Conflict { get; } = new(OutcomeKind.Conflict);

    public static Outcome Unchanged { get; } = new(OutcomeKind.Unchanged);

    public static Outcome NotYours { get; } = new(OutcomeKind.NotYours);

    public static Outcome Refused(DomainException refusal) => new(OutcomeKind.Refused) { Refusal = refusal };

    public static Outcome Refused(DomainError error, string rule) => Refused(new DomainException(error, rule));

    public static Outcome Refused(IReadOnlyList<StoreProblem> problems) => new(OutcomeKind.Refused) { StoreProblems = problems };

    public static Outcome CoSignNeeded(CoSignatureRequiredException reasons) => new(OutcomeKind.CoSignNeeded) { CoSign = reasons };

    public static Outcome ConfirmEmail(string knownEmail) => new(OutcomeKind.ConfirmEmail) { KnownEmail = knownEmail };

    public static Outcome KnownPhone(PossibleMatch customer) => new(OutcomeKind.KnownPhone) { PhoneOf = customer };

    public static Outcome SameComplaint(JustRecorded same) => new(OutcomeKind.SameComplaint) { Same = same };
}
