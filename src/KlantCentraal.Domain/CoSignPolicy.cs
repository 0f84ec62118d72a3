namespace KlantCentraal.Domain;

/// <summary>Why a resolution needs a manager's co-signature.</summary>
[Flags]
public enum CoSignReason
{
    None = 0,

    /// <summary>The customer's goodwill in the window, this resolution included, is above the limit.</summary>
    AmountAboveLimit = 1,
    TrustFlag = 2,

    /// <summary>Above the second, higher limit: two different managers stand behind the resolution.</summary>
    AboveSecondLimit = 4,

    /// <summary>The store's monthly goodwill budget would be exceeded: the customer is still helped, with a manager behind it.</summary>
    StoreBudgetExceeded = 8,
}

/// <summary>
/// Trust by default: a resolution is granted at once, and only asks for a manager's co-signature when the
/// customer's goodwill of the last <see cref="WindowDays"/> days plus this resolution is above the organisation's
/// limit (so four refunds of € 250 count as € 1.000, not as four times € 250), or the customer carries a
/// manager's trust flag, or the store's monthly goodwill budget would be exceeded. Above <see cref="SecondLimit"/> a
/// second manager co-signs too. It never refuses.
/// </summary>
public sealed record CoSignPolicy(Money Limit, Money SecondLimit, int WindowDays)
{
    public const int DefaultWindowDays = 30;

    public static readonly CoSignPolicy Default = new(new Money(250_00), new Money(2_500_00), DefaultWindowDays);

    public CoSignReason ReasonsFor(Money? amount, Customer? customer, Money recentGoodwill = default, StoreBudget? budget = null)
    {
        var reasons = CoSignReason.None;
        if (amount is { } a)
        {
            if (budget is not null && budget.ExceededBy(a))
            {
                reasons |= CoSignReason.StoreBudgetExceeded;
            }

            var total = recentGoodwill + a;
            if (total > Limit)
            {
                reasons |= CoSignReason.AmountAboveLimit;
            }

            if (total > SecondLimit && SecondLimit >= Limit)
            {
                reasons |= CoSignReason.AboveSecondLimit;
            }
        }

        if (customer is { HasTrustFlag: true })
        {
            reasons |= CoSignReason.TrustFlag;
        }

        return reasons;
    }

    /// <summary>How many different managers must stand behind a resolution with these reasons.</summary>
    public static int ManagersNeeded(CoSignReason reasons) =>
        reasons.HasFlag(CoSignReason.AboveSecondLimit) ? 2 : reasons == CoSignReason.None ? 0 : 1;
}
