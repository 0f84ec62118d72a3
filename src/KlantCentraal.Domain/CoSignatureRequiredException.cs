namespace KlantCentraal.Domain;

/// <summary>The resolution needs a manager's co-signature before it can be granted. Help is not refused: ask a manager.</summary>
public sealed class CoSignatureRequiredException : InvalidOperationException
{
    public CoSignatureRequiredException(CoSignReason reasons, Money recentGoodwill = default, StoreBudget? budget = null)
        : base($"A manager's co-signature is needed ({reasons}).")
    {
        Reasons = reasons;
        RecentGoodwill = recentGoodwill;
        Budget = budget;
    }

    public CoSignatureRequiredException()
    {
    }

    public CoSignatureRequiredException(string message)
        : base(message)
    {
    }

    public CoSignatureRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CoSignReason Reasons { get; }

    /// <summary>The customer's goodwill in the policy's window before this resolution: the desk shows the sum.</summary>
    public Money RecentGoodwill { get; }

    /// <summary>The store's budget for the month, when it was the reason: the desk shows what is left.</summary>
    public StoreBudget? Budget { get; }

    /// <summary>The limit that applied (a store's own, else the organisation's).</summary>
    public Money? Limit { get; init; }
}
