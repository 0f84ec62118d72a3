namespace KlantCentraal.Domain.Tests;

public class BusinessCalendarTests
{
    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static BusinessCalendar Closed(params (string Day, string Reason)[] days) =>
        new(null, days.ToDictionary(d => Day(d.Day), d => d.Reason));

    [Fact]
    public void Friday_afternoon_plus_one_business_hour_is_Monday_morning()
    {
        var due = BusinessCalendar.Weekdays.AddBusinessHours(new DateTime(2026, 11, 27, 16, 30, 0), TimeSpan.FromHours(1));

        Assert.Equal(new DateTime(2026, 11, 30, 9, 30, 0), due);
    }

    [Fact]
    public void Business_hours_skip_a_closed_day_and_start_at_opening_time_when_counted_before_it()
    {
        var calendar = Closed(("2026-12-25", "Eerste Kerstdag"));

        Assert.Equal(new DateTime(2026, 12, 24, 10, 0, 0), calendar.AddBusinessHours(new DateTime(2026, 12, 24, 6, 0, 0), TimeSpan.FromHours(1)));
        // Thursday 24 December 16:00 + 2 hours: one hour on Thursday, Friday is Christmas, the weekend is closed.
        Assert.Equal(new DateTime(2026, 12, 28, 10, 0, 0), calendar.AddBusinessHours(new DateTime(2026, 12, 24, 16, 0, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Working_days_skip_holidays_and_a_holiday_on_a_weekend_costs_nothing()
    {
        // Easter Monday 2026 is 6 April: Thursday 2 April + 2 working days = Tuesday 7 April (Good Friday is open).
        Assert.Equal(Day("2026-04-07"), Closed(("2026-04-06", "Tweede Paasdag")).AddWorkingDays(Day("2026-04-02"), 2));
        // Christmas 2027 falls on Saturday and Sunday: Friday 24 + 1 working day is still Monday 27.
        Assert.Equal(Day("2027-12-27"), Closed(("2027-12-25", "Eerste Kerstdag"), ("2027-12-26", "Tweede Kerstdag")).AddWorkingDays(Day("2027-12-24"), 1));
    }

    [Fact]
    public void A_store_closed_on_its_own_day_and_open_on_saturday_counts_its_own_days()
    {
        var hours = OpeningHours.From([null, .. Enumerable.Repeat<DayHours?>(new DayHours(new TimeOnly(10, 0), new TimeOnly(18, 0)), 5), null]);
        var store = new BusinessCalendar(hours, new Dictionary<DateOnly, string> { [Day("2026-12-03")] = "Inventaris" });

        // Tuesday 1 December + 3: Wednesday 2, (Thursday 3 closed for stocktaking), Friday 4, Saturday 5.
        Assert.Equal(Day("2026-12-05"), store.AddWorkingDays(Day("2026-12-01"), 3));
        Assert.Equal("Inventaris", store.ClosedBecause(Day("2026-12-03")));
        Assert.False(store.IsWorkingDay(Day("2026-11-30")));
    }

    [Fact]
    public void A_place_that_gave_no_hours_works_office_hours()
    {
        var calendar = new BusinessCalendar(OpeningHours.Closed, new Dictionary<DateOnly, string>());

        Assert.Equal(BusinessCalendar.OfficeHours, calendar.Hours);
        Assert.Equal(Day("2026-12-07"), calendar.AddWorkingDays(Day("2026-12-04"), 1));
    }
}
