namespace KlantCentraal.Domain;

/// <summary>
/// The clocks of each <see cref="Regime"/> (issue 28, ADR 0028): when a complaint received on a day must be
/// answered, how far the one extension may reach, and whether waiting on the customer stops the clock.
/// </summary>
public static class PromiseRules
{
    /// <summary>Wkkgz art. 17 and Awb art. 9:11: six weeks for the decision.</summary>
    public const int StatutoryWeeks = 6;

    /// <summary>One extension of at most four weeks after the first promise, in every regime.</summary>
    public const int ExtensionDays = 28;

    /// <summary>
    /// The promised day: <paramref name="retailWorkingDays"/> working days on the calendar for a shop's promise; six
    /// weeks for the laws, moved to the next working day when they end on a closed day.
    /// </summary>
    public static DateOnly RespondBy(Regime regime, BusinessCalendar calendar, DateOnly receivedOn, int retailWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return regime == Regime.Retail
            ? calendar.AddWorkingDays(receivedOn, retailWorkingDays)
            : calendar.OnOrNextWorkingDay(receivedOn.AddDays(7 * StatutoryWeeks));
    }

    /// <summary>The latest day the one extension may promise.</summary>
    public static DateOnly LatestExtension(DateOnly promised) => promised.AddDays(ExtensionDays);

    /// <summary>
    /// Whether the clock stops while the desk waits on the customer's answer: a shop's own promise does; the laws'
    /// six weeks run on (neither the Wkkgz nor Awb 9:11 suspends them).
    /// </summary>
    public static bool PausesWhileWaitingOnCustomer(Regime regime) => regime == Regime.Retail;
}

/// <summary>The calendar a complaint's promise is counted on and the organisation's time zone, to turn moments into days.</summary>
public sealed record PromiseClock(BusinessCalendar Calendar, TimeZoneInfo Zone)
{
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));
}
