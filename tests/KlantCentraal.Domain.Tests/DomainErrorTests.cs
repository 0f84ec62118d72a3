namespace KlantCentraal.Domain.Tests;

/// <summary>#16 item 1: a refused step says which rule refused it, so the web layer can say it once in the reader's language.</summary>
public class ARefusedInvestigationStep
{
    private static readonly InvestigationAnalysis Analysed = new([], CauseCategory.Materials, "Scharnier te zwak", "Ander scharnier", null, null, null);

    private static RootCauseInvestigation Investigation(int complaints = 1)
    {
        var investigation = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);
        for (var i = 1; i < complaints; i++)
        {
            investigation.Add(A.ResolvedComplaint(), A.Now);
        }

        return investigation;
    }

    private static DomainError Refusal(Action step) => Assert.Throws<DomainException>(step).Error;

    [Fact]
    public void Names_the_missing_analysis_the_missing_text_and_a_check_date_in_the_past_when_marked_fixed()
    {
        var investigation = Investigation();
        var nextMonth = DateOnly.FromDateTime(A.Now).AddDays(30);

        Assert.Equal(DomainError.AnalysisIncomplete, Refusal(() => investigation.MarkFixed("Beter", nextMonth, A.Manager, A.Now, DateOnly.FromDateTime(A.Now))));
        investigation.RecordAnalysis(Analysed, A.Manager);
        Assert.Equal(DomainError.ImprovementTextMissing, Refusal(() => investigation.MarkFixed(" ", nextMonth, A.Manager, A.Now, DateOnly.FromDateTime(A.Now))));
        Assert.Equal(DomainError.EffectivenessCheckInPast, Refusal(() => investigation.MarkFixed("Beter", DateOnly.FromDateTime(A.Now).AddDays(-1), A.Manager, A.Now, DateOnly.FromDateTime(A.Now))));
        Assert.Equal(DomainError.TextTooLong, Refusal(() => investigation.MarkFixed(new string('x', RootCauseInvestigation.TextMaxLength + 1), nextMonth, A.Manager, A.Now, DateOnly.FromDateTime(A.Now))));
    }

    [Fact]
    public void Carries_the_check_date_when_verified_too_early()
    {
        var investigation = Investigation();
        investigation.RecordAnalysis(Analysed, A.Manager);
        var check = DateOnly.FromDateTime(A.Now).AddDays(30);
        investigation.MarkFixed("Beter scharnier", check, A.Manager, A.Now, DateOnly.FromDateTime(A.Now));

        var refusal = Assert.Throws<DomainException>(() => investigation.Verify(A.Manager, A.Now.AddDays(1), DateOnly.FromDateTime(A.Now.AddDays(1))));

        Assert.Equal(DomainError.EffectivenessCheckNotDue, refusal.Error);
        Assert.Equal(check, refusal.Date);
    }

    [Fact]
    public void Names_a_split_that_takes_everything_a_move_to_itself_and_an_owner_who_is_no_manager()
    {
        var investigation = Investigation(complaints: 2);

        Assert.Equal(DomainError.SplitChoiceInvalid, Refusal(() => investigation.Split([.. investigation.Complaints], A.Manager, A.Now)));
        Assert.Equal(DomainError.SplitChoiceInvalid, Refusal(() => investigation.Split([], A.Manager, A.Now)));
        Assert.Equal(DomainError.TargetNotActive, Refusal(() => investigation.MoveComplaint(investigation.Complaints[0], investigation, A.Manager, A.Now)));
        Assert.Equal(DomainError.OwnerMustBeManager, Refusal(() => investigation.Assign(A.DeskEmployee)));
        Assert.Equal(DomainError.OnlyManagerChangesInvestigation, Refusal(() => investigation.Start(A.DeskEmployee)));
    }

    [Fact]
    public void Names_a_remark_that_is_too_long_with_its_limit()
    {
        var refusal = Assert.Throws<DomainException>(() => A.ResolvedComplaint().GiveFeedback(4, new string('x', Complaint.FeedbackRemarkMaxLength + 1), A.Now));

        Assert.Equal(DomainError.RemarkTooLong, refusal.Error);
        Assert.Equal(Complaint.FeedbackRemarkMaxLength, refusal.Limit);
    }
}

public class TheLegalPresumption
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("2026-11-27", true)]
    [InlineData("2025-11-27", true)]
    [InlineData("2025-11-26", false)]
    [InlineData("2026-11-28", false)]
    public void Covers_a_purchase_from_exactly_a_year_ago_up_to_today(string purchased, bool presumed)
    {
        Assert.Equal(presumed, ConsumerLaw.DefectPresumedAtDelivery(DateOnly.Parse(purchased, System.Globalization.CultureInfo.InvariantCulture), Today));
    }

    [Fact]
    public void Says_nothing_without_a_purchase_date()
    {
        Assert.False(ConsumerLaw.DefectPresumedAtDelivery(null, Today));
        Assert.Equal(new DateOnly(2025, 11, 27), ConsumerLaw.PresumptionStart(Today));
    }
}

public class MoneyInEuros
{
    [Theory]
    [InlineData(2495, "24.95")]
    [InlineData(1250, "12.50")]
    [InlineData(25000, "250.00")]
    [InlineData(0, "0.00")]
    public void Always_has_two_decimals_so_spreadsheets_show_amounts_alike(long cents, string euros)
    {
        Assert.Equal(euros, Money.EurosOf(cents).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(euros, new Money(cents).Euros.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
