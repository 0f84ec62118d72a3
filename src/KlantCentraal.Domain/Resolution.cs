namespace KlantCentraal.Domain;

/// <summary>What the desk grants: a type, an amount for refunds and vouchers, a method for refunds, a note otherwise.</summary>
public sealed record GrantedResolution(ResolutionType Type, Money? Amount, RefundMethod? RefundMethod, string? Note);

/// <summary>The managers who co-sign a resolution: one when the policy asks, two above its second limit.</summary>
public sealed record CoSigners(StaffMember First, StaffMember? Second = null)
{
    /// <summary>
    /// The rule for who may co-sign, in one place (the desk's screen asks it before the grant, the grant itself again):
    /// only managers, and a second signature from a second, different manager. Null when the signatures stand.
    /// </summary>
    public DomainError? Problem =>
        First is null || !First.IsManager || Second is { IsManager: false } ? DomainError.CoSignerNotManager
        : Second is not null && Second.Id == First.Id ? DomainError.CoSignerNotSecondManager
        : null;
}

/// <summary>
/// What the customer received, granted on the spot. Amounts are euro cents (see <see cref="Money"/>).
/// Refunds and vouchers need a positive amount; a refund also its method; replacement, repair and
/// apology need a short text saying what was agreed. A receipt is never asked for.
/// </summary>
public sealed class Resolution
{
    public const int NoteMaxLength = 1000;

    private Resolution()
    {
        GrantedById = string.Empty;
        GrantedByName = string.Empty;
    }

    public ResolutionType Type { get; private set; }

    public long? AmountCents { get; private set; }

    public RefundMethod? RefundMethod { get; private set; }

    public string? Note { get; private set; }

    public DateTime GrantedAt { get; private set; }

    public string GrantedById { get; private set; }

    /// <summary>The first name of the person who helped the customer.</summary>
    public string GrantedByName { get; private set; }

    /// <summary>The manager who co-signed, when the policy asked for it.</summary>
    public string? CoSignedById { get; private set; }

    public string? CoSignedByName { get; private set; }

    /// <summary>The second manager, when the amount is above the policy's second limit.</summary>
    public string? SecondCoSignedById { get; private set; }

    public string? SecondCoSignedByName { get; private set; }

    public CoSignReason CoSignReasons { get; private set; }

    public Money? Amount => AmountCents is { } cents ? new Money(cents) : null;

    /// <summary>The longest payment reference a bank statement carries (a SEPA EndToEndId).</summary>
    public const int PaymentReferenceMaxLength = 35;

    /// <summary>The day finance paid the refund out (issue 43); null while it is owed, or when nobody pays out (cash, card, no refund).</summary>
    public DateOnly? PaidOn { get; private set; }

    /// <summary>Who in finance marked it paid.</summary>
    public string? PaidByName { get; private set; }

    /// <summary>The bank's or payment provider's reference of the payment.</summary>
    public string? PaymentReference { get; private set; }

    /// <summary>
    /// A refund finance pays out afterwards: by bank transfer, or back through the original payment method. Cash and
    /// card are paid at the counter, in the grant itself.
    /// </summary>
    public bool IsPaidOutLater => Type == ResolutionType.Refund && RefundMethod is Domain.RefundMethod.BankTransfer or Domain.RefundMethod.OriginalPayment;

    /// <summary>A refund paid out later that is not paid yet.</summary>
    public bool IsOwed => IsPaidOutLater && PaidOn is null;

    internal void MarkPaid(DateOnly paidOn, string reference, string paidByName)
    {
        PaidOn = paidOn;
        PaymentReference = reference;
        PaidByName = paidByName;
    }

    /// <summary>Grants <paramref name="granted"/> as <paramref name="grantedBy"/>, co-signed by <paramref name="coSigners"/> when the policy asked.</summary>
    public static Resolution Grant(GrantedResolution granted, StaffMember grantedBy, DateTime grantedAt, CoSigners? coSigners = null)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(grantedBy);
        var (type, amount, method, note) = (granted.Type, granted.Amount, granted.RefundMethod, granted.Note);
        var (coSignedBy, secondCoSignedBy) = (coSigners?.First, coSigners?.Second);
        switch (coSigners?.Problem)
        {
            case DomainError.CoSignerNotManager:
                throw new DomainException(DomainError.CoSignerNotManager, "Only a manager can co-sign a resolution.");
            case DomainError.CoSignerNotSecondManager:
                throw new DomainException(DomainError.CoSignerNotSecondManager, "A second co-signature comes from a second, different manager.");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > NoteMaxLength })
        {
            throw new ArgumentException($"The note has at most {NoteMaxLength} characters.", nameof(granted));
        }

        switch (type)
        {
            case ResolutionType.Refund or ResolutionType.Voucher:
                if (amount is not { IsPositive: true } a || a > Money.Max)
                {
                    throw new ArgumentException("A refund or voucher needs an amount above zero and at most the maximum.", nameof(granted));
                }

                if (type == ResolutionType.Refund && method is null)
                {
                    throw new ArgumentException("A refund needs a method.", nameof(granted));
                }

                break;
            default:
                if (amount is not null)
                {
                    throw new ArgumentException("Only a refund or a voucher has an amount.", nameof(granted));
                }

                if (text is null)
                {
                    throw new ArgumentException("Say what was agreed.", nameof(granted));
                }

                break;
        }

        return new Resolution
        {
            Type = type,
            AmountCents = amount?.Cents,
            RefundMethod = type == ResolutionType.Refund ? method : null,
            Note = text,
            GrantedAt = grantedAt,
            GrantedById = grantedBy.Id,
            GrantedByName = grantedBy.FirstName,
            CoSignedById = coSignedBy?.Id,
            CoSignedByName = coSignedBy?.FirstName,
            SecondCoSignedById = secondCoSignedBy?.Id,
            SecondCoSignedByName = secondCoSignedBy?.FirstName,
        };
    }

    /// <summary>How many different managers stand behind this resolution: its co-signers, and the granter when a manager.</summary>
    internal int ManagersBehind(StaffMember grantedBy) =>
        new[] { grantedBy.IsManager ? grantedBy.Id : null, CoSignedById, SecondCoSignedById }.OfType<string>().Distinct(StringComparer.Ordinal).Count();

    internal void RecordCoSignReasons(CoSignReason reasons) => CoSignReasons = reasons;

    /// <summary>
    /// The store whose monthly goodwill budget paid for this resolution: where the complaint was when it was granted.
    /// A later correction of the complaint's store does not move it (issue 26, finding 2).
    /// </summary>
    public int? GrantedAtStoreId { get; private set; }

    internal void RecordStore(int? storeId) => GrantedAtStoreId = storeId;

    internal void RemoveNote() => Note = Note is null ? null : Complaint.RemovedText;

    /// <summary>Minutes from receiving the complaint to this resolution: 0 at the desk.</summary>
    public int MinutesToResolve { get; private set; }

    /// <summary>Resolved in the same contact in which the complaint was made.</summary>
    public bool FirstContact { get; private set; }

    internal void RecordTiming(DateTime receivedAt, DateTime resolvedAt)
    {
        var minutes = (resolvedAt - receivedAt).TotalMinutes;
        MinutesToResolve = minutes <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Round(minutes));
        FirstContact = resolvedAt == receivedAt;
    }
}
