using static KlantCentraal.Domain.Tests.A;

namespace KlantCentraal.Domain.Tests;

/// <summary>Issue 43: a refund paid out later is owed until finance marks it paid, once, on a real day, with its reference.</summary>
public class RefundPayouts
{
    private static readonly DateOnly Granted = DateOnly.FromDateTime(Now);

    private static Complaint ResolvedWith(RefundMethod method)
    {
        var complaint = Complaint();
        complaint.Resolve(Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(12900), method, null), DeskEmployee, Now), DeskEmployee, CoSignPolicy.Default, Now, Granted);
        return complaint;
    }

    [Theory]
    [InlineData(RefundMethod.BankTransfer, true)]
    [InlineData(RefundMethod.OriginalPayment, true)]
    [InlineData(RefundMethod.Cash, false)]
    [InlineData(RefundMethod.Card, false)]
    public void Only_a_bank_transfer_or_the_original_payment_method_is_owed_after_the_grant(RefundMethod method, bool owed) =>
        Assert.Equal(owed, ResolvedWith(method).Resolution!.IsOwed);

    [Fact]
    public void Marking_it_paid_keeps_the_day_the_reference_and_who_and_puts_it_on_the_timeline()
    {
        var complaint = ResolvedWith(RefundMethod.BankTransfer);
        var version = complaint.Version;

        complaint.MarkRefundPaid(Granted.AddDays(2), "  BANK-0001 ", Granted, Granted.AddDays(3), Manager, Now.AddDays(3));

        Assert.Equal(version + 1, complaint.Version); // a concurrent second marking fails its save instead of paying twice
        Assert.Equal((Granted.AddDays(2), "BANK-0001", "Daan", false), (complaint.Resolution!.PaidOn, complaint.Resolution.PaymentReference, complaint.Resolution.PaidByName, complaint.Resolution.IsOwed));
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.RefundPaid && e.Detail == Granted.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_refund_paid_at_the_counter_or_paid_before_cannot_be_marked_paid()
    {
        var cash = ResolvedWith(RefundMethod.Cash);
        var paid = ResolvedWith(RefundMethod.BankTransfer);
        paid.MarkRefundPaid(Granted, "A", Granted, Granted, Manager, Now);

        Assert.Equal(DomainError.RefundNotOwed, Assert.Throws<DomainException>(() => cash.MarkRefundPaid(Granted, "B", Granted, Granted, Manager, Now)).Error);
        Assert.Equal(DomainError.RefundNotOwed, Assert.Throws<DomainException>(() => paid.MarkRefundPaid(Granted, "B", Granted, Granted, Manager, Now)).Error);
        Assert.Equal("A", paid.Resolution!.PaymentReference);
    }

    [Theory]
    [InlineData(-1, "REF", DomainError.PaidOnOutOfRange)]
    [InlineData(1, "REF", DomainError.PaidOnOutOfRange)]
    [InlineData(0, " ", DomainError.PaymentReferenceMissing)]
    [InlineData(0, "123456789012345678901234567890123456", DomainError.TextTooLong)]
    public void A_day_outside_grant_to_today_or_a_missing_or_long_reference_is_refused_and_nothing_changes(int daysFromGrant, string reference, DomainError error)
    {
        var complaint = ResolvedWith(RefundMethod.BankTransfer);

        var refused = Assert.Throws<DomainException>(() => complaint.MarkRefundPaid(Granted.AddDays(daysFromGrant), reference, Granted, Granted, Manager, Now));

        Assert.Equal(error, refused.Error);
        Assert.True(complaint.Resolution!.IsOwed);
        Assert.DoesNotContain(complaint.Timeline, e => e.Kind == TimelineEventKind.RefundPaid);
    }
}

/// <summary>Issue 43: the customer is asked how satisfied they are once what was granted has arrived.</summary>
public class FeedbackAfterTheMoneyArrived
{
    [Fact]
    public void Feedback_waits_while_a_refund_is_owed_and_is_taken_once_it_is_paid()
    {
        var complaint = A.Complaint();
        var granted = DateOnly.FromDateTime(A.Now);
        complaint.Resolve(Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(5000), RefundMethod.BankTransfer, null), A.DeskEmployee, A.Now), A.DeskEmployee, CoSignPolicy.Default, A.Now, granted);

        Assert.Equal(DomainError.FeedbackNotYetAsked, Assert.Throws<DomainException>(() => complaint.GiveFeedback(5, null, A.Now)).Error);
        complaint.MarkRefundPaid(granted, "REF", granted, granted, A.Manager, A.Now);
        complaint.GiveFeedback(5, "Snel betaald", A.Now);

        Assert.Equal(5, complaint.SatisfactionScore);
    }
}
