namespace KlantCentraal.Domain;

/// <summary>
/// The days and hours a place works: the weekdays its opening hours open (Monday to Friday, 09:00–17:00, when it has
/// none), without its closed days — public holidays and its own closing days, each with the reason a person reads.
/// Every promised date is counted on one (issue 28): "within N working days" skips what is closed here.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far a count may run before the calendar is taken to have no working day at all.</summary>
    private const int MaxDays = 3660;

    private readonly IReadOnlyDictionary<DateOnly, string> _closed;

    public BusinessCalendar(OpeningHours? hours, IReadOnlyDictionary<DateOnly, string> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        Hours = hours is null || hours.IsAlwaysClosed ? OfficeHours : hours;
        _closed = closed;
    }

    /// <summary>Monday to Friday, 09:00–17:00: the hours of a place that gave none.</summary>
    public static OpeningHours OfficeHours { get; } = OpeningHours.From(
        [.. Enumerable.Repeat<DayHours?>(new DayHours(new TimeOnly(9, 0), new TimeOnly(17, 0)), 5), null, null]);

    /// <summary>Monday to Friday and no closed days: what "working days" meant before calendars.</summary>
    public static BusinessCalendar Weekdays { get; } = new(null, new Dictionary<DateOnly, string>());

    public OpeningHours Hours { get; }

    public bool IsWorkingDay(DateOnly day) => Hours[day.DayOfWeek] is not null && !_closed.ContainsKey(day);

    /// <summary>Why the place is closed on a day it would open (a holiday's or a closing day's name), else null.</summary>
    public string? ClosedBecause(DateOnly day) => _closed.TryGetValue(day, out var reason) ? reason : null;

    /// <summary>The working day <paramref name="workingDays"/> working days after <paramref name="start"/> (the start itself does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        for (int left = workingDays, steps = 0; left > 0; steps++)
        {
            if (steps > MaxDays)
            {
                throw new InvalidOperationException("The calendar has no working day in ten years.");
            }

            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    /// <summary>The day itself when it is a working day, else the next working day (as the Algemene termijnenwet moves a statutory term).</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day) => IsWorkingDay(day) ? day : AddWorkingDays(day, 1);

    /// <summary>How many working days lie after <paramref name="after"/> up to and including <paramref name="until"/> (0 when it is not later).</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly until)
    {
        var count = 0;
        for (var day = after.AddDays(1); day <= until; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The local moment <paramref name="duration"/> of opening time after <paramref name="start"/> (local wall-clock
    /// time): Friday 16:30 + 1 business hour = Monday 09:30 for a place open until 17:00 on weekdays.
    /// </summary>
    public DateTime AddBusinessHours(DateTime start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var left = duration;
        var day = DateOnly.FromDateTime(start);
        var from = TimeOnly.FromDateTime(start);
        for (var steps = 0; steps <= MaxDays; steps++)
        {
            if (IsWorkingDay(day) && Hours[day.DayOfWeek] is { } open && from < open.Closes)
            {
                var begin = from > open.Opens ? from : open.Opens;
                var available = open.Closes - begin;
                if (left <= available)
                {
                    return day.ToDateTime(begin).Add(left);
                }

                left -= available;
            }

            day = day.AddDays(1);
            from = TimeOnly.MinValue;
        }

        throw new InvalidOperationException("The calendar has no working day in ten years.");
    }
}
