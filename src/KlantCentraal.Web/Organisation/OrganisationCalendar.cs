using KlantCentraal.Web.Settings;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Organisation;

/// <summary>
/// The organisation's days (ADR 0023): which calendar day a moment falls on in its time zone — "today" is always the
/// organisation's day, never the server's UTC date — and where a day or a month starts in UTC, for date filters and
/// monthly budgets. <see cref="Localization.Formats"/> keeps words and numbers; <see cref="Deadlines"/> the working days.
/// </summary>
public sealed class OrganisationCalendar(IOptionsMonitor<OrganisationOptions> organisation, TimeProvider time)
{
    /// <summary>The configured time zone, read on every call: an administrator's change applies at once.</summary>
    public TimeZoneInfo Zone => ZoneOf(organisation.CurrentValue.TimeZone);

    /// <summary>The day it is now in the organisation's time zone.</summary>
    public DateOnly Today() => Today(time.GetUtcNow().UtcDateTime);

    /// <summary>The day it is at <paramref name="utcNow"/> in the organisation's time zone.</summary>
    public DateOnly Today(DateTime utcNow) => DayOf(utcNow, Zone);

    /// <summary>The UTC moment a day starts in the organisation's time zone: for date filters.</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC moment the current calendar month started in the organisation's time zone: for monthly budgets.</summary>
    public DateTime StartOfMonthUtc(DateTime utcNow)
    {
        var today = Today(utcNow);
        return StartOfDayUtc(new DateOnly(today.Year, today.Month, 1));
    }

    /// <summary>The calendar day a UTC moment falls on in <paramref name="zone"/>: the one rule for "which day" (today, and the day a complaint counts on).</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(LocalIn(utc, zone));

    /// <summary>The wall-clock time in <paramref name="zone"/> of a UTC moment.</summary>
    public static DateTime LocalIn(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The time zone of a configured id (UTC when this machine does not know it), found once per id.</summary>
    public static TimeZoneInfo ZoneOf(string id) =>
        Zones.GetOrAdd(id, key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);
}
