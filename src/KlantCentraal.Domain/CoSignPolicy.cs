namespace KlantCentraal.Domain;

/// <summary>Why a resolution needs a manager's co-signature.</summary>
[Flags]
public enum CoSignReason
{
    None = 0,
    AmountAboveLimit = 1,
    TrustFlag = 2,
}

/// <summary>
/// Trust by default: a resolution is granted at once, and only asks for a manager's co-signature when its
/// amount is above the organisation's limit or the customer carries a manager's trust flag. It never refuses.
/// </summary>
public sealed record CoSignPolicy(Money Limit)
{
    public static readonly CoSignPolicy Default = new(new Money(250_00));

    public CoSignReason ReasonsFor(Money? amount, Customer? customer)
    {
        var reasons = CoSignReason.None;
        if (amount is { } a && a > Limit)
        {
            reasons |= CoSignReason.AmountAboveLimit;
        }

        if (customer is { HasTrustFlag: true })
        {
            reasons |= CoSignReason.TrustFlag;
        }

        return reasons;
    }
}
