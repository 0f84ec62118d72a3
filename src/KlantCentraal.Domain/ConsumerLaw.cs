namespace KlantCentraal.Domain;

/// <summary>
/// What Dutch consumer law presumes, shown to the desk as information — never a rule that decides a resolution
/// (product.md: satisfy the customer first).
/// </summary>
public static class ConsumerLaw
{
    /// <summary>
    /// Within a year of purchase a defect is presumed to have been there at delivery (BW 7:18 lid 2): the customer
    /// chooses repair or replacement unless that is disproportionate.
    /// </summary>
    public static bool DefectPresumedAtDelivery(DateOnly? purchased, DateOnly today) =>
        purchased is { } bought && bought >= PresumptionStart(today) && bought <= today;

    /// <summary>The earliest purchase date the presumption covers today.</summary>
    public static DateOnly PresumptionStart(DateOnly today) => today.AddYears(-1);
}
