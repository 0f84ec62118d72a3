using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace KlantCentraal.Web.Organisation;

/// <summary>What an iCalendar file could not give: one code per reason, said once by the page.</summary>
public enum CalendarFileProblem
{
    None,
    Empty,
    TooLarge,
    Unreadable,
    NoDays,
    Repeating,
    TooLong,
    TooMany,
    OutOfRange,
}

/// <summary>The days an .ics file closes (or the reason it gives none), each with the event's summary as the reason.</summary>
public sealed record CalendarFileRead(CalendarFileProblem Problem, IReadOnlyList<(DateOnly Date, string Reason)> Days, string? Detail = null);

/// <summary>
/// Closing days in and out as iCalendar (RFC 5545, Ical.Net): an administrator imports the organisation's holiday
/// calendar (Outlook, Google) and every store publishes its closed days as a feed. An untrusted file is read whole
/// first; one problem refuses it all, so nothing is half-stored.
/// </summary>
public static class ClosingDaysFile
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDays = 366;
    public const int MaxDaysPerEvent = 31;

    public static CalendarFileRead Read(string text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(CalendarFileProblem.Empty, []);
        }

        if (text.Length > MaxBytes)
        {
            return new(CalendarFileProblem.TooLarge, []);
        }

        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new(CalendarFileProblem.Unreadable, [], ex.Message);
        }

        if (calendar is null)
        {
            return new(CalendarFileProblem.Unreadable, []);
        }

        var days = new List<(DateOnly, string)>();
        foreach (var e in calendar.Events)
        {
            if (e.RecurrenceRule is not null || e.RecurrenceDates.GetAllDates().Any())
            {
                return new(CalendarFileProblem.Repeating, [], e.Summary);
            }

            if (e.DtStart is null)
            {
                return new(CalendarFileProblem.Unreadable, [], e.Summary);
            }

            var first = DateOnly.FromDateTime(e.DtStart.Value);
            // An all-day event ends the day after its last day (RFC 5545); a timed one closes every day it touches.
            var last = e.DtEnd is { } end
                ? DateOnly.FromDateTime(end.Value).AddDays(e.DtStart.HasTime ? 0 : -1)
                : first;
            last = last < first ? first : last;
            if (last.DayNumber - first.DayNumber + 1 > MaxDaysPerEvent)
            {
                return new(CalendarFileProblem.TooLong, [], e.Summary);
            }

            if (first < today.AddYears(-1) || last > today.AddYears(3))
            {
                return new(CalendarFileProblem.OutOfRange, [], $"{e.Summary} ({first:yyyy-MM-dd})");
            }

            var reason = string.IsNullOrWhiteSpace(e.Summary) ? "Gesloten" : e.Summary.Trim();
            reason = reason.Length > ClosingDay.ReasonMaxLength ? reason[..ClosingDay.ReasonMaxLength] : reason;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                days.Add((day, reason));
            }

            if (days.Count > MaxDays)
            {
                return new(CalendarFileProblem.TooMany, []);
            }
        }

        return days.Count == 0 ? new(CalendarFileProblem.NoDays, []) : new(CalendarFileProblem.None, days);
    }

    /// <summary>The closed days as an iCalendar feed: one all-day event each, with a stable UID per place and day.</summary>
    public static string Write(string name, string place, IEnumerable<(DateOnly Date, string Reason)> days)
    {
        var calendar = new Calendar { ProductId = "-//KlantCentraal//Sluitingsdagen//NL" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var (date, reason) in days)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{date:yyyyMMdd}-{place}@klantcentraal",
                Summary = reason,
                DtStart = new CalDateTime(date.Year, date.Month, date.Day),
                DtEnd = new CalDateTime(date.Year, date.Month, date.Day).AddDays(1),
                Transparency = TransparencyType.Transparent,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}

/// <summary>
/// <c>GET /calendar/{store code}.ics</c> (or <c>organisatie.ics</c>): the closed days of the coming year as a feed
/// anyone may subscribe to — opening days are public — with the same days the promises count. Calendar clients poll
/// it: the answer is kept a minute (per store), so polling costs no query.
/// </summary>
public static class ClosingDaysFeed
{
    /// <summary>The output cache's policy and tag: a feed is written once a minute per store and instance, and anew after a change here.</summary>
    public const string Policy = "CalendarFeed";
    public const string Tag = "calendar-feeds";

    public static IEndpointRouteBuilder MapClosingDaysFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{place}.ics", async (string place, Data.AppDbContext db, Deadlines deadlines, CancellationToken cancellationToken) =>
        {
            Domain.Store? store = null;
            if (!string.Equals(place, "organisatie", StringComparison.OrdinalIgnoreCase))
            {
                var code = Domain.Store.NormaliseCode(place);
                store = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Stores), s => s.Code == code && s.ClosedAt == null, cancellationToken);
                if (store is null)
                {
                    return Results.NotFound();
                }
            }

            var days = await deadlines.ComingYearAsync(store, cancellationToken);
            var text = ClosingDaysFile.Write($"Sluitingsdagen {store?.Name ?? "KlantCentraal"}", store?.Code ?? "organisatie", days.Select(d => (d.Date, d.Reason)));
            return Results.Text(text, "text/calendar; charset=utf-8");
        }).AllowAnonymous().CacheOutput(Policy).ExcludeFromDescription();
        return app;
    }
}
