namespace KlantCentraal.Domain.Tests;

public class ComplaintResolveUnderThePolicy
{
    [Fact]
    public void Grants_an_amount_up_to_the_limit_without_a_co_signature()
    {
        var complaint = A.Complaint();

        complaint.Resolve(A.Refund(250_00), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal(CoSignReason.None, complaint.Resolution!.CoSignReasons);
    }

    [Fact]
    public void Asks_for_a_co_signature_above_the_limit_and_changes_nothing()
    {
        var complaint = A.Complaint();

        var asked = Assert.Throws<CoSignatureRequiredException>(() => complaint.Resolve(A.Refund(250_01), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now)));

        Assert.Equal(CoSignReason.AmountAboveLimit, asked.Reasons);
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Null(complaint.Resolution);
    }

    [Fact]
    public void Grants_above_the_limit_with_a_manager_co_signature_and_puts_it_on_the_timeline()
    {
        var complaint = A.Complaint();

        complaint.Resolve(A.Refund(400_00, coSignedBy: A.Manager), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal("Daan", complaint.Resolution!.CoSignedByName);
        Assert.Equal(CoSignReason.AmountAboveLimit, complaint.Resolution.CoSignReasons);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.CoSigned && e.ActorName == "Daan");
    }

    [Fact]
    public void Asks_for_a_co_signature_for_a_flagged_customer_even_for_a_small_amount_but_never_refuses()
    {
        var customer = A.Customer();
        customer.FlagTrust("Drie keer betrapt op winkeldiefstal", A.Manager, A.Now);
        var complaint = Complaint.Record(customer, A.Details(), TrackingCode.New(), A.DeskEmployee, A.Now);

        var asked = Assert.Throws<CoSignatureRequiredException>(() => complaint.Resolve(A.Refund(5_00), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now)));
        complaint.Resolve(A.Refund(5_00, coSignedBy: A.Manager), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal(CoSignReason.TrustFlag, asked.Reasons);
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }

    [Fact]
    public void Refuses_a_co_signer_who_is_not_a_manager()
    {
        Assert.Throws<DomainException>(() => A.Refund(400_00, coSignedBy: new StaffMember("x", "Piet")));
    }

    [Fact]
    public void Lets_a_manager_at_the_desk_grant_above_the_limit_on_their_own_signature()
    {
        var complaint = A.Complaint();
        var resolution = Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(400_00), RefundMethod.Card, null), A.Manager, A.Now);

        complaint.Resolve(resolution, A.Manager, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }
}

public class CustomerTrustFlag
{
    [Fact]
    public void Can_only_be_set_by_a_manager_with_a_reason()
    {
        var customer = A.Customer();

        Assert.Equal(DomainError.OnlyManagerFlagsTrust, Assert.Throws<DomainException>(() => customer.FlagTrust("reden", A.DeskEmployee, A.Now)).Error);
        Assert.Equal(DomainError.TrustFlagReasonMissing, Assert.Throws<DomainException>(() => customer.FlagTrust(" ", A.Manager, A.Now)).Error);
        Assert.Equal(DomainError.TrustFlagReasonMissing, Assert.Throws<DomainException>(() => customer.FlagTrust(new string('x', Customer.TrustFlagReasonMaxLength + 1), A.Manager, A.Now)).Error);
        customer.FlagTrust("reden", A.Manager, A.Now);

        Assert.True(customer.HasTrustFlag);
        Assert.Equal("Daan", customer.TrustFlaggedByName);
    }

    [Fact]
    public void Lifting_a_flag_that_is_not_there_throws()
    {
        Assert.Throws<DomainException>(() => A.Customer().LiftTrustFlag("reden", A.Manager, A.Now));
    }
}

public class ComplaintCorrect
{
    [Fact]
    public void Changes_only_what_differs_and_puts_the_changed_fields_on_the_timeline()
    {
        var complaint = A.ResolvedComplaint();
        var versionBefore = complaint.Version;

        var changed = complaint.Correct(A.CorrectionOf(complaint) with { ProductName = "Waterkoker XL", Description = "Lekt aan de onderkant" }, A.DeskEmployee, A.Now);

        Assert.Equal(["ProductName", "Description"], changed);
        Assert.Equal("Waterkoker XL", complaint.ProductName);
        Assert.Equal("name:waterkoker xl", complaint.ProductKey);
        Assert.Equal(versionBefore + 1, complaint.Version);
        var corrected = complaint.Timeline[^1];
        Assert.Equal(TimelineEventKind.Corrected, corrected.Kind);
        Assert.Equal("ProductName,Description", corrected.Detail);
    }

    [Fact]
    public void Records_nothing_when_nothing_changed()
    {
        var complaint = A.ResolvedComplaint();
        var events = complaint.Timeline.Count;

        var changed = complaint.Correct(A.CorrectionOf(complaint), A.DeskEmployee, A.Now);

        Assert.Empty(changed);
        Assert.Equal(events, complaint.Timeline.Count);
    }

    [Fact]
    public void Refuses_an_empty_description()
    {
        var complaint = A.ResolvedComplaint();

        Assert.Throws<ArgumentException>(() => complaint.Correct(A.CorrectionOf(complaint) with { Description = "" }, A.DeskEmployee, A.Now));
    }
}

public class CustomerNumber
{
    [Theory]
    [InlineData("KC000123", 123)]
    [InlineData(" kc42 ", 42)]
    public void Reads_back_the_number_the_desk_shows(string text, int id)
    {
        Assert.Equal(id, Customer.ParseNumber(text));
        Assert.Equal("KC000042", Customer.FormatNumber(42));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("KC")]
    [InlineData("KC-1")]
    [InlineData("KC0")]
    public void Ignores_text_that_is_not_a_customer_number(string text)
    {
        Assert.Null(Customer.ParseNumber(text));
    }
}
