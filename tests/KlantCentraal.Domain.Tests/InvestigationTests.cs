namespace KlantCentraal.Domain.Tests;

public class RootCauseInvestigationLifecycle
{
    private static readonly InvestigationAnalysis FullAnalysis = new(
        ["Het deksel sluit niet", "Het scharnier is te zwak", "Goedkoper onderdeel gekozen", "Inkoop keek alleen naar prijs", "Geen kwaliteitseis in de inkoopvoorwaarden"],
        CauseCategory.Materials,
        "Scharnier van te zwak materiaal",
        "Ander scharnier bij de leverancier bestellen",
        "Kwaliteitseis in inkoopvoorwaarden",
        "Inkoop",
        DateOnly.FromDateTime(A.Now).AddDays(30));

    private static RootCauseInvestigation Investigation(params Complaint[] more)
    {
        var investigation = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);
        foreach (var complaint in more)
        {
            investigation.Add(complaint, A.Now);
        }

        return investigation;
    }

    [Fact]
    public void Cannot_be_marked_fixed_without_cause_category_statement_and_corrective_action()
    {
        var investigation = Investigation();
        investigation.RecordAnalysis(FullAnalysis with { CorrectiveAction = null }, A.Manager);

        Assert.Throws<DomainException>(() => investigation.MarkFixed("Beter scharnier", DateOnly.FromDateTime(A.Now).AddDays(30), A.Manager, A.Now, DateOnly.FromDateTime(A.Now)));
        Assert.Equal(InvestigationStatus.InProgress, investigation.Status);
    }

    [Fact]
    public void Marked_fixed_it_closes_every_complaint_with_what_was_improved()
    {
        var second = A.ResolvedComplaint();
        var investigation = Investigation(second);
        investigation.RecordAnalysis(FullAnalysis, A.Manager);

        investigation.MarkFixed("Nieuwe waterkokers hebben een sterker scharnier.", DateOnly.FromDateTime(A.Now).AddDays(30), A.Manager, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal(InvestigationStatus.Fixed, investigation.Status);
        Assert.All(investigation.Complaints, c => Assert.Equal(ComplaintStatus.Closed, c.Status));
        Assert.Equal("Nieuwe waterkokers hebben een sterker scharnier.", second.Timeline[^1].Detail);
        Assert.Equal(5, investigation.Whys.Count);
    }

    [Fact]
    public void Takes_no_effectiveness_check_before_the_organisation_s_today_even_where_the_utc_date_is_still_yesterday()
    {
        var investigation = Investigation();
        investigation.RecordAnalysis(FullAnalysis, A.Manager);
        var halfPastMidnightInAmsterdam = new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc);
        var amsterdamToday = new DateOnly(2026, 3, 2);

        var refusal = Assert.Throws<DomainException>(() => investigation.MarkFixed("Beter scharnier", new DateOnly(2026, 3, 1), A.Manager, halfPastMidnightInAmsterdam, amsterdamToday));
        investigation.MarkFixed("Beter scharnier", amsterdamToday, A.Manager, halfPastMidnightInAmsterdam, amsterdamToday);

        Assert.Equal(DomainError.EffectivenessCheckInPast, refusal.Error);
        Assert.Equal(InvestigationStatus.Fixed, investigation.Status);
    }

    [Fact]
    public void Is_verified_only_on_or_after_the_effectiveness_check_date()
    {
        var investigation = Investigation();
        investigation.RecordAnalysis(FullAnalysis, A.Manager);
        var check = DateOnly.FromDateTime(A.Now).AddDays(30);
        investigation.MarkFixed("Beter scharnier", check, A.Manager, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Throws<DomainException>(() => investigation.Verify(A.Manager, A.Now.AddDays(29), DateOnly.FromDateTime(A.Now.AddDays(29))));
        investigation.Verify(A.Manager, A.Now.AddDays(30), DateOnly.FromDateTime(A.Now.AddDays(30)));

        Assert.Equal(InvestigationStatus.Verified, investigation.Status);
    }

    [Fact]
    public void Closing_without_a_cause_needs_a_reason()
    {
        var investigation = Investigation();

        Assert.Equal(DomainError.CloseReasonMissing, Assert.Throws<DomainException>(() => investigation.CloseWithoutCause(" ", A.Manager, A.Now)).Error);
        investigation.CloseWithoutCause("Eenmalig transportincident", A.Manager, A.Now);

        Assert.Equal(InvestigationStatus.ClosedWithoutCause, investigation.Status);
        Assert.Equal(ComplaintStatus.Closed, investigation.Complaints[0].Status);
    }

    [Fact]
    public void Only_a_manager_can_change_it()
    {
        Assert.Throws<DomainException>(() => Investigation().Start(A.DeskEmployee));
    }

    [Fact]
    public void A_closed_investigation_takes_no_more_complaints_and_cannot_start_again()
    {
        var investigation = Investigation();
        investigation.CloseWithoutCause("reden", A.Manager, A.Now);

        Assert.Throws<DomainException>(() => investigation.Add(A.ResolvedComplaint(), A.Now));
        Assert.Throws<DomainException>(() => investigation.Start(A.Manager));
    }

    [Fact]
    public void Starting_takes_ownership_when_nobody_had_it()
    {
        var investigation = Investigation();

        investigation.Start(A.Manager);

        Assert.Equal(InvestigationStatus.InProgress, investigation.Status);
        Assert.Equal("Daan", investigation.OwnerName);
    }
}

public class RootCauseInvestigationRegroup
{
    [Fact]
    public void Moving_a_complaint_puts_it_in_the_other_investigation_and_on_its_timeline()
    {
        var complaint = A.ResolvedComplaint();
        var from = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);
        from.Add(complaint, A.Now);
        var to = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);

        from.MoveComplaint(complaint, to, A.Manager, A.Now);

        Assert.DoesNotContain(complaint, from.Complaints);
        Assert.Contains(complaint, to.Complaints);
        Assert.Same(to, complaint.Investigation);
        Assert.Equal(TimelineEventKind.MovedToInvestigation, complaint.Timeline[^1].Kind);
    }

    [Fact]
    public void Merging_moves_every_complaint_and_ends_the_merged_investigation()
    {
        var from = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);
        from.Add(A.ResolvedComplaint(), A.Now);
        var into = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);

        from.MergeInto(into, A.Manager, A.Now);

        Assert.Empty(from.Complaints);
        Assert.Equal(3, into.Complaints.Count);
        Assert.Equal(InvestigationStatus.Merged, from.Status);
    }

    [Fact]
    public void Splitting_opens_a_new_investigation_with_the_chosen_complaints()
    {
        var chosen = A.ResolvedComplaint();
        var investigation = RootCauseInvestigation.OpenFor(A.ResolvedComplaint(), A.Now, A.Due);
        investigation.Add(chosen, A.Now);

        var split = investigation.Split([chosen], A.Manager, A.Now);

        Assert.Single(investigation.Complaints);
        Assert.Same(chosen, Assert.Single(split.Complaints));
        Assert.Equal(investigation.ProductKey, split.ProductKey);
        Assert.Throws<DomainException>(() => investigation.Split(investigation.Complaints.ToList(), A.Manager, A.Now));
    }
}

public class ServiceLevelAddWorkingDays
{
    [Theory]
    [InlineData("2026-11-23", 10, "2026-12-07")]
    [InlineData("2026-11-27", 1, "2026-11-30")]
    [InlineData("2026-11-28", 1, "2026-11-30")]
    [InlineData("2026-11-23", 0, "2026-11-23")]
    public void Skips_weekends(string start, int days, string due)
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), BusinessCalendar.Weekdays.AddWorkingDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));
    }
}

public class ComplaintGiveFeedback
{
    [Fact]
    public void Is_asked_once_after_resolution()
    {
        var complaint = A.ResolvedComplaint();

        complaint.GiveFeedback(4, " Snel geholpen ", A.Now);

        Assert.Equal(4, complaint.SatisfactionScore);
        Assert.Equal("Snel geholpen", complaint.FeedbackRemark);
        Assert.Throws<DomainException>(() => complaint.GiveFeedback(5, null, A.Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Refuses_a_score_outside_one_to_five(int score)
    {
        Assert.Equal(DomainError.ScoreOutOfRange, Assert.Throws<DomainException>(() => A.ResolvedComplaint().GiveFeedback(score, null, A.Now)).Error);
    }

    [Fact]
    public void Is_not_asked_before_the_complaint_is_resolved()
    {
        Assert.Throws<DomainException>(() => A.Complaint().GiveFeedback(5, null, A.Now));
    }
}

public class CustomerTrustFlagHistory
{
    [Fact]
    public void Setting_and_lifting_both_land_on_the_history_with_the_reason()
    {
        var customer = A.Customer();

        customer.FlagTrust("Betrapt", A.Manager, A.Now);
        customer.LiftTrustFlag("Twee jaar zonder incident", A.Manager, A.Now.AddDays(1));

        Assert.False(customer.HasTrustFlag);
        Assert.Equal([CustomerHistoryKind.TrustFlagSet, CustomerHistoryKind.TrustFlagLifted], customer.History.Select(h => h.Kind));
        Assert.Equal("Twee jaar zonder incident", customer.History[1].Reason);
    }
}
