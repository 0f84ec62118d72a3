namespace KlantCentraal.Domain.Tests;

public class PromiseExtensionTests
{
    private static readonly DateOnly Promised = new(2026, 12, 9);

    private static Complaint Waiting()
    {
        var complaint = A.Complaint();
        complaint.Promise(Promised);
        return complaint;
    }

    [Fact]
    public void An_unanswered_complaint_gets_more_time_once_with_a_reason_and_the_timeline_says_so()
    {
        var complaint = Waiting();

        complaint.ExtendPromise(new DateOnly(2026, 12, 23), "  de leverancier onderzoekt het onderdeel  ", A.DeskEmployee, A.Now);

        Assert.Equal(new DateOnly(2026, 12, 23), complaint.RespondBy);
        Assert.Equal("de leverancier onderzoekt het onderdeel", complaint.ExtensionReason);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.PromiseExtended);
        var again = Assert.Throws<DomainException>(() => complaint.ExtendPromise(new DateOnly(2026, 12, 30), "nog meer", A.DeskEmployee, A.Now));
        Assert.Equal(DomainError.AlreadyExtended, again.Error);
    }

    [Theory]
    [InlineData("2026-12-20", "", DomainError.ExtensionReasonMissing)]
    [InlineData("2026-12-09", "reden", DomainError.ExtensionNotLater)]
    [InlineData("2027-01-07", "reden", DomainError.ExtensionTooLong)]
    public void An_extension_without_reason_not_later_or_beyond_what_the_rules_allow_is_refused_and_changes_nothing(string to, string reason, DomainError error)
    {
        var complaint = Waiting();

        var refused = Assert.Throws<DomainException>(() => complaint.ExtendPromise(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), reason, A.DeskEmployee, A.Now));

        Assert.Equal(error, refused.Error);
        Assert.Equal(Promised, complaint.RespondBy);
        Assert.Null(complaint.ExtensionReason);
    }

    [Fact]
    public void A_complaint_without_a_promise_has_nothing_to_extend()
    {
        var refused = Assert.Throws<DomainException>(() => A.Complaint().ExtendPromise(Promised, "reden", A.DeskEmployee, A.Now));

        Assert.Equal(DomainError.NothingToExtend, refused.Error);
    }

    [Fact]
    public void Erasing_the_customers_data_removes_the_reason_but_the_one_extension_stays_used()
    {
        var complaint = Waiting();
        complaint.ExtendPromise(new DateOnly(2026, 12, 23), "mevrouw El Amrani is in het ziekenhuis", A.DeskEmployee, A.Now);

        complaint.RemovePersonalData();

        Assert.Equal(Complaint.RemovedText, complaint.ExtensionReason);
        Assert.Equal(new DateOnly(2026, 12, 23), complaint.RespondBy);
        Assert.Equal(DomainError.AlreadyExtended, Assert.Throws<DomainException>(() => complaint.ExtendPromise(new DateOnly(2026, 12, 30), "opnieuw", A.DeskEmployee, A.Now)).Error);
    }
}
