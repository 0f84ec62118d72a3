namespace KlantCentraal.Domain;

/// <summary>Due dates counted in working days, Monday to Friday; a <see cref="BusinessCalendar"/> also skips holidays and closing days.</summary>
public static class ServiceLevel
{
    public static DateOnly AddWorkingDays(DateOnly start, int workingDays) => BusinessCalendar.Weekdays.AddWorkingDays(start, workingDays);
}
