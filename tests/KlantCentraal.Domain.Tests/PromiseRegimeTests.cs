namespace KlantCentraal.Domain.Tests;

public class PromiseRegimeTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    // Koningsdag 2026 is Monday 27 April.
    private static readonly BusinessCalendar Dutch = new(null, new Dictionary<DateOnly, string> { [new(2026, 4, 27)] = "Koningsdag", [new(2026, 12, 25)] = "Eerste Kerstdag" });

    private static DateTime InAmsterdam(int month, int day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, 0, 0, DateTimeKind.Unspecified), Amsterdam);

    [Fact]
    public void A_shop_promises_its_working_days_and_the_laws_six_weeks_moved_off_a_closed_day()
    {
        Assert.Equal(new DateOnly(2026, 3, 18), PromiseRules.RespondBy(Regime.Retail, Dutch, new DateOnly(2026, 3, 16), 2));
        // Monday 16 March + six weeks = Koningsdag: the term ends the next working day (Algemene termijnenwet).
        Assert.Equal(new DateOnly(2026, 4, 28), PromiseRules.RespondBy(Regime.Wkkgz, Dutch, new DateOnly(2026, 3, 16), 2));
        Assert.Equal(new DateOnly(2026, 4, 28), PromiseRules.RespondBy(Regime.Awb, Dutch, new DateOnly(2026, 3, 16), 2));
        // Saturday + six weeks = Saturday: Monday.
        Assert.Equal(new DateOnly(2026, 2, 16), PromiseRules.RespondBy(Regime.Wkkgz, Dutch, new DateOnly(2026, 1, 3), 2));
    }

    [Fact]
    public void A_Wkkgz_promise_of_six_weeks_is_extended_once_by_at_most_four()
    {
        var complaint = A.Complaint();
        var sixWeeks = PromiseRules.RespondBy(Regime.Wkkgz, Dutch, new DateOnly(2026, 11, 2), 2);
        complaint.Promise(sixWeeks, Regime.Wkkgz);
        Assert.Equal(new DateOnly(2026, 12, 14), sixWeeks);
        Assert.Equal(new DateOnly(2027, 1, 11), complaint.LatestExtension);

        var tooFar = Assert.Throws<DomainException>(() => complaint.ExtendPromise(new DateOnly(2027, 1, 12), "advies van de klachtencommissie", A.DeskEmployee, A.Now));
        Assert.Equal(DomainError.ExtensionTooLong, tooFar.Error);
        complaint.ExtendPromise(new DateOnly(2027, 1, 11), "advies van de klachtencommissie", A.DeskEmployee, A.Now);

        Assert.Equal(new DateOnly(2027, 1, 11), complaint.RespondBy);
        Assert.Null(complaint.LatestExtension);
    }

    [Fact]
    public void A_shop_clock_stands_still_while_the_desk_waits_on_the_customer_and_the_promise_moves_by_those_working_days()
    {
        var complaint = A.Complaint();
        complaint.Promise(new DateOnly(2026, 12, 10), Regime.Retail);

        complaint.Reply("Heeft u een foto van de barst?", A.DeskEmployee, InAmsterdam(12, 7, 10), "<a@klantcentraal.test>");
        Assert.Equal(InAmsterdam(12, 7, 10), complaint.ClockPausedSince);

        // Answered Thursday: Tuesday, Wednesday and Thursday stood still, so 10 December + 3 working days.
        complaint.ReceiveMessage("Hier is de foto", MessageChannel.StatusPage, InAmsterdam(12, 10, 14), new PromiseClock(Dutch, Amsterdam));

        Assert.Null(complaint.ClockPausedSince);
        Assert.Equal(new DateOnly(2026, 12, 15), complaint.RespondBy);
        Assert.Equal(
            [TimelineEventKind.ReplySent, TimelineEventKind.ClockPaused, TimelineEventKind.MessageReceived, TimelineEventKind.ClockResumed],
            complaint.Timeline.Skip(1).Select(e => e.Kind));
        Assert.Equal("2026-12-15", complaint.Timeline[^1].Detail);
    }

    [Fact]
    public void A_pause_over_Christmas_counts_only_the_working_days_and_an_answer_the_same_day_moves_nothing()
    {
        var complaint = A.Complaint();
        complaint.Promise(new DateOnly(2026, 12, 23), Regime.Retail);
        complaint.Reply("Welke kleur?", A.DeskEmployee, InAmsterdam(12, 22, 16), "<b@klantcentraal.test>");
        complaint.ReceiveMessage("Rood", MessageChannel.Email, InAmsterdam(12, 22, 20), new PromiseClock(Dutch, Amsterdam));
        Assert.Equal(new DateOnly(2026, 12, 23), complaint.RespondBy);

        complaint.Reply("En de maat?", A.DeskEmployee, InAmsterdam(12, 23, 9), "<c@klantcentraal.test>");
        // Thursday 24, (Christmas and the weekend closed), Monday 28: two working days stood still, so 23 December + 2.
        complaint.ReceiveMessage("Maat 42", MessageChannel.Email, InAmsterdam(12, 28, 11), new PromiseClock(Dutch, Amsterdam));
        Assert.Equal(new DateOnly(2026, 12, 28), complaint.RespondBy);
    }

    [Theory]
    [InlineData(Regime.Wkkgz)]
    [InlineData(Regime.Awb)]
    public void The_laws_six_weeks_run_on_while_the_desk_waits_on_the_customer(Regime regime)
    {
        var complaint = A.Complaint();
        complaint.Promise(new DateOnly(2027, 1, 4), regime);

        complaint.Reply("Wanneer was de behandeling?", A.DeskEmployee, InAmsterdam(12, 7, 10), "<d@klantcentraal.test>");
        complaint.ReceiveMessage("Op 1 november", MessageChannel.Email, InAmsterdam(12, 17, 10), new PromiseClock(Dutch, Amsterdam));

        Assert.Null(complaint.ClockPausedSince);
        Assert.Equal(new DateOnly(2027, 1, 4), complaint.RespondBy);
        Assert.DoesNotContain(complaint.Timeline, e => e.Kind == TimelineEventKind.ClockPaused);
    }

    [Theory]
    [InlineData("2026-11-22", true)]
    [InlineData("2026-11-23", false)]
    public void A_resolution_records_whether_the_promise_was_kept_on_the_organisations_day(string answeredOn, bool kept)
    {
        var complaint = A.Complaint();
        complaint.Promise(new DateOnly(2026, 11, 22));

        complaint.Resolve(A.Refund(), A.DeskEmployee, CoSignPolicy.Default, A.Now, answeredOn: DateOnly.Parse(answeredOn, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(kept, complaint.PromiseKept);
        Assert.Null(A.ResolvedComplaint().PromiseKept);
    }
}
