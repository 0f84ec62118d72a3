using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Organisation;

/// <summary>A day the organisation (every store and the desk) or one store is closed, besides the public holidays.</summary>
public sealed class ClosingDay
{
    public const int ReasonMaxLength = 100;

    private ClosingDay()
    {
    }

    public int Id { get; private set; }

    /// <summary>The store that is closed; null: the organisation's desk and every store.</summary>
    public int? StoreId { get; private set; }

    public DateOnly Date { get; private set; }

    /// <summary>What a person reads on the list and in the feed ("Inventaris", "Personeelsuitje").</summary>
    public string Reason { get; private set; } = string.Empty;

    public static ClosingDay On(DateOnly date, string reason, int? storeId)
    {
        var text = (reason ?? string.Empty).Trim();
        if (text.Length is 0 or > ReasonMaxLength)
        {
            throw new ArgumentException($"A closing day has a reason of 1 to {ReasonMaxLength} characters.", nameof(reason));
        }

        return new ClosingDay { Date = date, Reason = text, StoreId = storeId };
    }
}

/// <summary>Configuration <c>Calendar:*</c>: which public holidays close the organisation.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>
    /// Bevrijdingsdag (5 May) closes the organisation every year when true; by default only in lustrum years
    /// (2025, 2030 …), as most collective agreements give it.
    /// </summary>
    public bool LiberationDayEveryYear { get; set; }

    /// <summary>How many working days before a promise falls due the desk's inbox marks it "Bijna te laat" (issue 28).</summary>
    public int WarnWorkingDaysBefore { get; set; } = 1;
}

/// <summary>
/// The one rule for every promised date (issue 28): counted from the organisation's day (ADR 0023) on the calendar
/// of the place that promises — the store's (its hours, its country's public holidays, the organisation's and its
/// own closing days) or the organisation's desk (its hours, Dutch holidays, the organisation's closing days).
/// Pages, letters, the inbox and the root-cause queue all ask here. Calendars are kept for a minute (an
/// administrator's change here applies at once; another instance's within the minute).
/// </summary>
public sealed class Deadlines(
    AppDbContext db,
    IOptionsMonitor<OrganisationOptions> organisation,
    IOptionsMonitor<CalendarOptions> calendar,
    IMemoryCache cache,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore feeds,
    WriteGate gate,
    Auditing.AuditLog audit,
    OrganisationCalendar days)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private const string GenerationKey = "calendars:generation";

    /// <summary>After a closing day or a store changed: the next question reads the calendars again, and the feeds are written anew.</summary>
    public async Task CalendarsChangedAsync(CancellationToken cancellationToken)
    {
        cache.Set(GenerationKey, Generation + 1);
        await feeds.EvictByTagAsync(ClosingDaysFeed.Tag, cancellationToken);
    }

    private int Generation => cache.TryGetValue(GenerationKey, out int generation) ? generation : 0;

    private string Key(int storeId) => $"calendars:{Generation}:{organisation.CurrentValue.OpeningHours}:{storeId}";

    public DateOnly Today => days.Today();

    /// <summary>The organisation's day a UTC moment falls on.</summary>
    public DateOnly DayOf(DateTime utc) => OrganisationCalendar.DayOf(utc, days.Zone);

    /// <summary>
    /// From which promised date on a complaint is marked "Bijna te laat" in the inbox: today plus
    /// <see cref="CalendarOptions.WarnWorkingDaysBefore"/> working days of the organisation's desk.
    /// </summary>
    public async Task<DateOnly> WarnUntilAsync(CancellationToken cancellationToken) =>
        (await CalendarAsync(null, cancellationToken)).AddWorkingDays(Today, Math.Max(0, calendar.CurrentValue.WarnWorkingDaysBefore));

    /// <summary>The regime a complaint in this category runs under (the organisation's, or the category's own); null: the organisation's.</summary>
    public Regime RegimeFor(ComplaintCategory? category) => organisation.CurrentValue.RegimeFor(category);

    /// <summary>
    /// When the desk answers at the latest what arrived at <paramref name="fromUtc"/> under <paramref name="regime"/>
    /// (<see cref="PromiseRules.RespondBy"/>); a customer's message is answered within the working days of a shop's promise.
    /// </summary>
    public async Task<DateOnly> RespondByAsync(DateTime fromUtc, int? storeId, Regime regime, CancellationToken cancellationToken) =>
        PromiseRules.RespondBy(regime, await CalendarAsync(storeId, cancellationToken), DayOf(fromUtc), organisation.CurrentValue.OnlineResponseWorkingDays);

    /// <summary>
    /// When a refund is paid out at the latest (issue 43): <paramref name="workingDays"/> working days of the
    /// organisation's calendar after the day it was granted (finance pays centrally, not on a store's hours), and the
    /// moment before which a grant is late today (so a list filters "te laat" in the database). One calendar read.
    /// </summary>
    public async Task<(Func<DateTime, DateOnly> PayBy, DateTime LateBeforeUtc)> PayoutClockAsync(int workingDays, CancellationToken cancellationToken)
    {
        var organisationCalendar = await CalendarAsync(null, cancellationToken);
        var today = Today;
        // Paying by is monotonic in the grant day: the first grant day still on time is found by stepping back.
        var onTime = today;
        while (organisationCalendar.AddWorkingDays(onTime.AddDays(-1), workingDays) >= today && onTime > today.AddDays(-400))
        {
            onTime = onTime.AddDays(-1);
        }

        return (grantedAtUtc => organisationCalendar.AddWorkingDays(DayOf(grantedAtUtc), workingDays), days.StartOfDayUtc(onTime));
    }

    /// <summary>When the desk answers a customer's messages at the latest (a shop's working days from the oldest waiting one), for a list: one calendar per store, read once.</summary>
    public async Task<Func<DateTime, int?, DateOnly>> AnswerByForAsync(IEnumerable<int?> storeIds, CancellationToken cancellationToken)
    {
        var calendars = await CalendarsAsync(storeIds, cancellationToken);
        var days = organisation.CurrentValue.OnlineResponseWorkingDays;
        return (fromUtc, storeId) => PromiseRules.RespondBy(Regime.Retail, calendars[storeId ?? 0], DayOf(fromUtc), days);
    }

    /// <summary>
    /// Unanswered complaints received before promises were stored (issue 28) get theirs once, by the one rule from
    /// the day they arrived, in batches; later ones are promised when they arrive. Returns how many were promised.
    /// </summary>
    public async Task<int> PromiseEarlierComplaintsAsync(CancellationToken cancellationToken)
    {
        var promised = 0;
        var days = organisation.CurrentValue.OnlineResponseWorkingDays;
        while (true)
        {
            var batch = await db.Complaints.Where(c => c.Status == ComplaintStatus.Received && c.RespondBy == null).OrderBy(c => c.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return promised;
            }

            var calendars = await CalendarsAsync(batch.Select(c => c.StoreId), cancellationToken);
            foreach (var complaint in batch)
            {
                var regime = RegimeFor(complaint.Category);
                complaint.Promise(PromiseRules.RespondBy(regime, calendars[complaint.StoreId ?? 0], DayOf(complaint.ReceivedAt), days), regime);
            }

            await gate.SaveAsync(db, cancellationToken);
            db.ChangeTracker.Clear();
            promised += batch.Count;
        }
    }

    /// <summary>The calendar a complaint's promise counts on, with the organisation's time zone: a customer's answer restarts a stopped clock on it.</summary>
    public async Task<PromiseClock> ClockAsync(int? storeId, CancellationToken cancellationToken) =>
        new(await CalendarAsync(storeId, cancellationToken), days.Zone);

    /// <summary>The calendar of a store, or of the organisation's desk when <paramref name="storeId"/> is null.</summary>
    public async Task<BusinessCalendar> CalendarAsync(int? storeId, CancellationToken cancellationToken) =>
        (await CalendarsAsync([storeId], cancellationToken))[storeId ?? 0];

    /// <summary>Calendars by store id (0 for the organisation's desk).</summary>
    public async Task<IReadOnlyDictionary<int, BusinessCalendar>> CalendarsAsync(IEnumerable<int?> storeIds, CancellationToken cancellationToken)
    {
        var wanted = storeIds.Select(id => id ?? 0).Append(0).Distinct().ToList();
        var kept = new Dictionary<int, BusinessCalendar>();
        foreach (var id in wanted)
        {
            if (cache.TryGetValue(Key(id), out BusinessCalendar? known) && known is not null)
            {
                kept[id] = known;
            }
        }

        if (kept.Count == wanted.Count)
        {
            return kept;
        }

        var read = await ReadCalendarsAsync(wanted.Where(id => id != 0), cancellationToken);
        foreach (var (id, calendar) in read)
        {
            cache.Set(Key(id), calendar, KeptFor);
        }

        return read;
    }

    private async Task<Dictionary<int, BusinessCalendar>> ReadCalendarsAsync(IEnumerable<int> storeIds, CancellationToken cancellationToken)
    {
        var ids = storeIds.Distinct().ToList();
        var stores = ids.Count == 0 ? [] : await db.Stores.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        var today = Today;
        var (from, until) = (today.AddYears(-1), today.AddYears(2));
        var closing = await db.ClosingDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= until && (d.StoreId == null || ids.Contains(d.StoreId.Value)))
            .ToListAsync(cancellationToken);
        var organisationHours = OpeningHours.Parse(organisation.CurrentValue.OpeningHours);
        var result = new Dictionary<int, BusinessCalendar> { [0] = new(organisationHours, ClosedDays(Country.Netherlands, from, until, closing.Where(d => d.StoreId == null))) };
        foreach (var store in stores)
        {
            var hours = store.OpeningHours.IsAlwaysClosed ? organisationHours : store.OpeningHours;
            result[store.Id] = new(hours, ClosedDays(store.Country, from, until, closing.Where(d => d.StoreId is null || d.StoreId == store.Id)));
        }

        foreach (var missing in ids.Where(id => !result.ContainsKey(id)))
        {
            result[missing] = result[0];
        }

        return result;
    }

    /// <summary>A day a place is closed: a public holiday, or a closing day (which has an id and can be removed).</summary>
    public sealed record ClosedDay(DateOnly Date, string Reason, int? Id, int? StoreId)
    {
        public bool IsHoliday => Id is null;
    }

    /// <summary>The closed days of the coming year: the holidays of the place's country, the organisation's closing days and, for a store, its own.</summary>
    public async Task<IReadOnlyList<ClosedDay>> ComingYearAsync(Store? store, CancellationToken cancellationToken)
    {
        var (from, until) = (Today, Today.AddYears(1));
        var storeId = store?.Id;
        var closing = await db.ClosingDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= until && (d.StoreId == null || d.StoreId == storeId))
            .ToListAsync(cancellationToken);
        return [.. Holidays(store?.Country ?? Country.Netherlands, from, until).Select(h => new ClosedDay(h.Key, h.Value, null, null))
            .Concat(closing.Select(d => new ClosedDay(d.Date, d.Reason, d.Id, d.StoreId)))
            .OrderBy(d => d.Date).ThenBy(d => d.Id)];
    }

    /// <summary>Adds closing days for a store or (null) the whole organisation; a day already closed for that place is skipped. Returns how many were added.</summary>
    public async Task<int> AddClosingDaysAsync(IReadOnlyList<(DateOnly Date, string Reason)> days, Store? store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var storeId = store?.Id;
        var added = await gate.WriteAsync(db, async () =>
        {
            var dates = days.Select(d => d.Date).ToList();
            var known = (await db.ClosingDays.Where(d => d.StoreId == storeId && dates.Contains(d.Date)).Select(d => d.Date).ToListAsync(cancellationToken)).ToHashSet();
            var fresh = days.Where(d => known.Add(d.Date)).Select(d => ClosingDay.On(d.Date, d.Reason, storeId)).ToList();
            db.ClosingDays.AddRange(fresh);
            if (fresh.Count > 0)
            {
                audit.Record(Auditing.AuditAction.ClosingDaysChanged, nameof(ClosingDay), store?.Code ?? "organisatie",
                    Auditing.AuditNote.ClosingDaysAdded, fresh.Count, string.Join(", ", fresh.Take(10).Select(d => $"{d.Date:yyyy-MM-dd} {d.Reason}")));
            }

            return fresh.Count;
        }, cancellationToken);
        await CalendarsChangedAsync(cancellationToken);
        return added;
    }

    /// <summary>Removes one closing day; false when it was already gone.</summary>
    public async Task<bool> RemoveClosingDayAsync(int id, CancellationToken cancellationToken)
    {
        var removed = await gate.WriteAsync(db, async () =>
        {
            var day = await db.ClosingDays.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (day is null)
            {
                return false;
            }

            db.ClosingDays.Remove(day);
            audit.Record(Auditing.AuditAction.ClosingDaysChanged, nameof(ClosingDay), day.StoreId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "organisatie", Auditing.AuditNote.ClosingDayRemoved, $"{day.Date:yyyy-MM-dd} {day.Reason}");
            return true;
        }, cancellationToken);
        await CalendarsChangedAsync(cancellationToken);
        return removed;
    }

    /// <summary>Public holidays of a country between two days, by name in Dutch (Bevrijdingsdag as <see cref="CalendarOptions"/> says).</summary>
    public IReadOnlyDictionary<DateOnly, string> Holidays(Country country, DateOnly from, DateOnly until)
    {
        var names = new Dictionary<DateOnly, string>();
        for (var year = from.Year; year <= until.Year; year++)
        {
            IDictionary<DateTime, string> named = country == Country.Belgium
                ? new PublicHoliday.BelgiumPublicHoliday().PublicHolidayNames(year)
                : new PublicHoliday.DutchPublicHoliday(!calendar.CurrentValue.LiberationDayEveryYear).PublicHolidayNames(year);
            foreach (var (date, name) in named)
            {
                var day = DateOnly.FromDateTime(date);
                if (day >= from && day <= until)
                {
                    names[day] = name;
                }
            }
        }

        return names;
    }

    private Dictionary<DateOnly, string> ClosedDays(Country country, DateOnly from, DateOnly until, IEnumerable<ClosingDay> closing)
    {
        var closed = new Dictionary<DateOnly, string>(Holidays(country, from, until));
        foreach (var day in closing)
        {
            closed.TryAdd(day.Date, day.Reason);
        }

        return closed;
    }
}
