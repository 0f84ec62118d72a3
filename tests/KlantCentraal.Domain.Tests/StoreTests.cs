namespace KlantCentraal.Domain.Tests;

public class StoreRules
{
    [Theory]
    [InlineData("UTR-01")]
    [InlineData("utr-01")]
    [InlineData(" A ")]
    [InlineData("12345678901234567890")]
    public void Accepts_codes_of_letters_digits_and_dashes_in_upper_case(string code)
    {
        var store = A.Store(code);

        Assert.Equal(code.Trim().ToUpperInvariant(), store.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-UTR")]
    [InlineData("UTR 01")]
    [InlineData("UTR;01")]
    [InlineData("123456789012345678901")]
    [InlineData("ÜTR")]
    public void Refuses_other_codes_with_one_problem_code(string code)
    {
        Assert.Equal([StoreProblem.CodeInvalid], Store.ProblemsWith(A.StoreDetails(code)));
        Assert.Throws<DomainException>(() => A.Store(code));
    }

    [Fact]
    public void Names_every_broken_rule_at_once()
    {
        var details = A.StoreDetails() with { Name = " ", City = "", Email = "geen-adres", MonthlyBudget = Money.Zero, CoSignLimit = new Money(-1) };

        Assert.Equal(
            [StoreProblem.NameMissing, StoreProblem.CityMissing, StoreProblem.EmailInvalid, StoreProblem.CoSignLimitInvalid, StoreProblem.BudgetInvalid],
            Store.ProblemsWith(details));
    }

    [Fact]
    public void An_update_that_changes_nothing_says_so()
    {
        var store = A.Store();

        Assert.False(store.Update(A.StoreDetails()));
        Assert.True(store.Update(A.StoreDetails() with { Phone = "030-7654321" }));
        Assert.Equal("030-7654321", store.Phone);
    }

    [Fact]
    public void A_closed_store_keeps_everything_and_cannot_close_twice()
    {
        var store = A.Store();

        store.Close(A.Now);

        Assert.True(store.IsClosed);
        Assert.Equal("KlantCentraal Utrecht", store.Name);
        Assert.Throws<DomainException>(() => store.Close(A.Now));
    }

    [Fact]
    public void Its_own_co_sign_limit_replaces_the_organisations_and_keeps_the_second_limit()
    {
        var policy = A.Store(coSignLimit: new Money(100_00)).PolicyFrom(CoSignPolicy.Default);

        Assert.Equal(new Money(100_00), policy.Limit);
        Assert.Equal(CoSignPolicy.Default.SecondLimit, policy.SecondLimit);
        Assert.Equal(CoSignPolicy.Default, A.Store().PolicyFrom(CoSignPolicy.Default));
    }
}

public class OpeningHoursAsWritten
{
    [Theory]
    [InlineData("09:00-18:00", 9, 0, 18, 0)]
    [InlineData("9:00 - 18:00", 9, 0, 18, 0)]
    [InlineData("9-18", 9, 0, 18, 0)]
    [InlineData("08.30–17.30", 8, 30, 17, 30)]
    public void Reads_a_day_as_people_write_it(string text, int openHour, int openMinute, int closeHour, int closeMinute)
    {
        Assert.True(OpeningHours.TryParseDay(text, out var hours));
        Assert.Equal(new DayHours(new TimeOnly(openHour, openMinute), new TimeOnly(closeHour, closeMinute)), hours);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gesloten")]
    [InlineData("Closed")]
    [InlineData("-")]
    public void Reads_an_empty_or_closed_day_as_closed(string text)
    {
        Assert.True(OpeningHours.TryParseDay(text, out var hours));
        Assert.Null(hours);
    }

    [Theory]
    [InlineData("18:00-09:00")]
    [InlineData("ma-vr 9-18")]
    [InlineData("25:00-26:00")]
    [InlineData("morgens")]
    public void Refuses_what_is_not_one_span_of_a_day(string text) => Assert.False(OpeningHours.TryParseDay(text, out _));

    [Fact]
    public void Round_trips_through_its_stored_text()
    {
        var hours = A.Store().OpeningHours;

        Assert.Equal("mo=09:00-18:00;tu=09:00-18:00;we=09:00-18:00;th=09:00-18:00;fr=09:00-21:00;sa=10:00-17:00;su=", hours.ToString());
        Assert.Equal(hours, OpeningHours.Parse(hours.ToString()));
        Assert.Null(hours[DayOfWeek.Sunday]);
        Assert.Equal(new TimeOnly(21, 0), hours[DayOfWeek.Friday]!.Value.Closes);
    }
}

public class StoreBudgetAtTheDesk
{
    [Fact]
    public void Above_the_months_budget_a_manager_co_signs_and_the_customer_is_still_helped()
    {
        var budget = new StoreBudget("KlantCentraal Utrecht", new Money(1_000_00), new Money(950_00));
        var complaint = A.Complaint();

        var asked = Assert.Throws<CoSignatureRequiredException>(() => complaint.Resolve(A.Refund(100_00), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now), budget: budget));
        complaint.Resolve(A.Refund(100_00, coSignedBy: A.Manager), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now), budget: budget);

        Assert.Equal(CoSignReason.StoreBudgetExceeded, asked.Reasons);
        Assert.Same(budget, asked.Budget);
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.Equal(CoSignReason.StoreBudgetExceeded, complaint.Resolution!.CoSignReasons);
    }

    [Fact]
    public void Up_to_the_budget_nobody_co_signs()
    {
        var complaint = A.Complaint();

        complaint.Resolve(A.Refund(50_00), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now), budget: new StoreBudget("Utrecht", new Money(1_000_00), new Money(950_00)));

        Assert.Equal(CoSignReason.None, complaint.Resolution!.CoSignReasons);
    }

    [Fact]
    public void The_budget_left_never_goes_below_zero() =>
        Assert.Equal(Money.Zero, new StoreBudget("Utrecht", new Money(100_00), new Money(150_00)).Left);
}

public class ComplaintMovesToAnotherStore
{
    [Fact]
    public void The_timeline_says_who_moved_it_to_which_store_and_nothing_happens_when_it_stays()
    {
        var complaint = A.Complaint();
        var store = A.Store();

        Assert.True(complaint.MoveToStore(store, A.DeskEmployee, A.Now));
        Assert.False(complaint.MoveToStore(store, A.DeskEmployee, A.Now));

        var moved = Assert.Single(complaint.Timeline, e => e.Kind == TimelineEventKind.StoreChanged);
        Assert.Equal("UTR-01", moved.Detail);
        Assert.Equal("Sanne", moved.ActorName);
    }

    [Fact]
    public void Never_to_a_closed_store()
    {
        var store = A.Store();
        store.Close(A.Now);

        Assert.Throws<DomainException>(() => A.Complaint().MoveToStore(store, A.DeskEmployee, A.Now));
    }
}
