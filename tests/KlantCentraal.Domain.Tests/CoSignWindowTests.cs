namespace KlantCentraal.Domain.Tests;

public class ComplaintResolveCountsTheCustomersRecentGoodwill
{
    [Fact]
    public void Asks_a_manager_when_recent_goodwill_plus_this_refund_is_above_the_limit_and_keeps_the_sum_for_the_message()
    {
        var complaint = A.Complaint();

        var asked = Assert.Throws<CoSignatureRequiredException>(() => complaint.Resolve(A.Refund(250_00), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now), recentGoodwill: new Money(750_00)));

        Assert.Equal(CoSignReason.AmountAboveLimit, asked.Reasons);
        Assert.Equal(new Money(750_00), asked.RecentGoodwill);
        Assert.Null(complaint.Resolution);
    }

    [Fact]
    public void Grants_without_a_manager_when_the_sum_stays_at_the_limit()
    {
        var complaint = A.Complaint();

        complaint.Resolve(A.Refund(100_00), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now), recentGoodwill: new Money(150_00));

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }

    [Fact]
    public void Above_the_second_limit_one_co_signing_manager_is_not_enough()
    {
        var complaint = A.Complaint();

        var asked = Assert.Throws<CoSignatureRequiredException>(() => complaint.Resolve(A.Refund(2_500_01, coSignedBy: A.Manager), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now)));

        Assert.Equal(CoSignReason.AmountAboveLimit | CoSignReason.AboveSecondLimit, asked.Reasons);
    }

    [Fact]
    public void A_manager_at_the_desk_cannot_approve_above_the_second_limit_alone()
    {
        var complaint = A.Complaint();

        Assert.Throws<CoSignatureRequiredException>(() => complaint.Resolve(A.Refund(100_000_00), A.Manager, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now)));
    }

    [Fact]
    public void Above_the_second_limit_two_different_managers_grant_it_and_both_are_on_the_timeline()
    {
        var complaint = A.Complaint();

        complaint.Resolve(A.Refund(3_000_00, coSignedBy: A.Manager, secondCoSignedBy: A.SecondManager), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal("Noor", complaint.Resolution!.SecondCoSignedByName);
        Assert.Equal(2, complaint.Timeline.Count(e => e.Kind == TimelineEventKind.CoSigned));
    }

    [Fact]
    public void The_same_manager_cannot_sign_twice()
    {
        Assert.Throws<DomainException>(() => A.Refund(3_000_00, coSignedBy: A.Manager, secondCoSignedBy: A.Manager));
    }
}

public class ContactRulesForNamesAndEmailAddresses
{
    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u0007bel")]
    [InlineData("Jan \u202Eesnaj")]
    [InlineData("\u2066Jan")]
    [InlineData("123")]
    [InlineData("   ")]
    public void A_name_without_a_visible_letter_or_with_control_or_bidi_characters_is_refused(string name) =>
        Assert.False(ContactRules.IsAcceptableName(name));

    [Theory]
    [InlineData("Fatima el Amrani")]
    [InlineData("Zoë d'Hondt-Ünal")]
    [InlineData("李小龙")]
    public void Real_names_in_any_script_are_accepted(string name) => Assert.True(ContactRules.IsAcceptableName(name));

    [Theory]
    [InlineData("x@[127.0.0.1]")]
    [InlineData("\"a b\"@example.nl")]
    [InlineData("a@-evil-.nl")]
    [InlineData("a@evil-.nl")]
    [InlineData("a@localhost")]
    [InlineData("a..b@example.nl")]
    [InlineData("a@example.1")]
    [InlineData("x(y@example.nl")]
    public void An_email_address_needs_a_plain_local_part_and_a_real_host_name(string address) =>
        Assert.False(ContactRules.IsEmailAddress(address));

    [Theory]
    [InlineData("fatima@example.nl")]
    [InlineData("f.el-amrani+klacht@mail.example.co.uk")]
    [InlineData("jan@xn--bcher-kva.example")]
    public void Ordinary_addresses_pass(string address) => Assert.True(ContactRules.IsEmailAddress(address));
}
