namespace KlantCentraal.Domain;

/// <summary>Due dates counted in working days (Monday to Friday; public holidays are not skipped).</summary>
public static class ServiceLevel
{
    public static DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var left = workingDays;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }

        return date;
    }
}
