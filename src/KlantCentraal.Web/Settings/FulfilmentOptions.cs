namespace KlantCentraal.Web.Settings;

/// <summary>Configuration <c>Fulfilment:*</c> (issue 43): how soon what the desk granted reaches the customer.</summary>
public sealed class FulfilmentOptions
{
    public const string Section = "Fulfilment";

    /// <summary>Working days (the organisation's calendar) within which a refund by bank transfer or original payment is paid out.</summary>
    public int RefundWithinWorkingDays { get; set; } = 5;
}
