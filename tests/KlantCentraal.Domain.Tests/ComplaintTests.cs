namespace KlantCentraal.Domain.Tests;

public class ComplaintRecord
{
    [Theory]
    [InlineData(ReceiptStatus.No)]
    [InlineData(ReceiptStatus.Unknown)]
    [InlineData(ReceiptStatus.Yes)]
    public void Accepts_any_receipt_answer_and_the_complaint_can_be_resolved(ReceiptStatus receipt)
    {
        var complaint = A.Complaint(receipt);

        complaint.Resolve(A.Refund(), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal(receipt, complaint.Receipt);
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }

    [Fact]
    public void Starts_received_with_a_timeline_entry_naming_who_recorded_it()
    {
        var complaint = A.Complaint();

        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        var received = Assert.Single(complaint.Timeline);
        Assert.Equal(TimelineEventKind.Received, received.Kind);
        Assert.Equal("Sanne", received.ActorName);
    }

    [Fact]
    public void Refuses_a_purchase_date_no_place_on_earth_has_reached_yet()
    {
        var dayAfterTomorrow = DateOnly.FromDateTime(A.Now).AddDays(2);

        Assert.Throws<ArgumentException>(() => Complaint.Record(A.Customer(), A.Details(purchaseDate: dayAfterTomorrow), TrackingCode.New(), A.DeskEmployee, A.Now));
    }

    [Fact]
    public void Accepts_a_purchase_made_today_where_the_day_began_before_it_did_in_utc()
    {
        var halfPastMidnightInAmsterdam = new DateTime(2026, 11, 27, 23, 30, 0, DateTimeKind.Utc);

        var complaint = Complaint.Record(A.Customer(), A.Details(purchaseDate: new DateOnly(2026, 11, 28)), TrackingCode.New(), A.DeskEmployee, halfPastMidnightInAmsterdam);

        Assert.Equal(new DateOnly(2026, 11, 28), complaint.PurchaseDate);
    }

    [Fact]
    public void Refuses_a_description_longer_than_the_limit()
    {
        var details = A.Details() with { Description = new string('x', Complaint.DescriptionMaxLength + 1) };

        Assert.Throws<ArgumentException>(() => Complaint.Record(A.Customer(), details, TrackingCode.New(), A.DeskEmployee, A.Now));
    }

    [Fact]
    public void Keys_the_product_by_article_number_else_by_its_normalised_name()
    {
        Assert.Equal("article:WK-200", Complaint.ProductKeyFor("Waterkoker", " wk-200 "));
        Assert.Equal("name:waterkoker deluxe", Complaint.ProductKeyFor("  Waterkoker   Deluxe ", null));
    }
}

public class ComplaintResolve
{
    [Fact]
    public void Records_the_resolution_and_queues_the_investigation_on_the_timeline()
    {
        var complaint = A.Complaint();

        complaint.Resolve(A.Refund(2495), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now));

        Assert.Equal(2495, complaint.Resolution!.AmountCents);
        Assert.Equal("Sanne", complaint.Resolution.GrantedByName);
        Assert.Equal(
            [TimelineEventKind.Received, TimelineEventKind.Resolved, TimelineEventKind.QueuedForInvestigation],
            complaint.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public void Throws_when_the_complaint_is_already_resolved()
    {
        var complaint = A.ResolvedComplaint();

        Assert.Throws<DomainException>(() => complaint.Resolve(A.Refund(), A.DeskEmployee, CoSignPolicy.Default, A.Now, DateOnly.FromDateTime(A.Now)));
    }
}

public class RootCauseInvestigationOpenFor
{
    [Fact]
    public void Takes_the_resolved_complaint_and_moves_it_to_investigating()
    {
        var complaint = A.ResolvedComplaint();

        var investigation = RootCauseInvestigation.OpenFor(complaint, A.Now, A.Due);

        Assert.Equal(InvestigationStatus.Open, investigation.Status);
        Assert.Same(complaint, Assert.Single(investigation.Complaints));
        Assert.Equal(ComplaintStatus.Investigating, complaint.Status);
        Assert.Equal(TimelineEventKind.JoinedInvestigation, complaint.Timeline[^1].Kind);
    }

    [Fact]
    public void Throws_for_a_complaint_that_is_not_yet_resolved()
    {
        Assert.Throws<DomainException>(() => RootCauseInvestigation.OpenFor(A.Complaint(), A.Now, A.Due));
    }

    [Fact]
    public void Throws_when_the_complaint_is_already_in_an_investigation()
    {
        var complaint = A.ResolvedComplaint();
        var first = RootCauseInvestigation.OpenFor(complaint, A.Now, A.Due);

        Assert.Throws<DomainException>(() => first.Add(complaint, A.Now));
    }
}

public class ResolutionGrant
{
    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    [InlineData(100_000_01)]
    public void Refuses_a_refund_amount_that_is_not_above_zero_or_is_above_the_maximum(long cents)
    {
        Assert.Throws<ArgumentException>(() => Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(cents), RefundMethod.Cash, null), A.DeskEmployee, A.Now));
    }

    [Fact]
    public void Refuses_a_refund_without_a_method()
    {
        Assert.Throws<ArgumentException>(() => Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(100), null, null), A.DeskEmployee, A.Now));
    }

    [Theory]
    [InlineData(ResolutionType.Replacement)]
    [InlineData(ResolutionType.Repair)]
    [InlineData(ResolutionType.Apology)]
    public void Needs_a_note_saying_what_was_agreed_when_there_is_no_amount(ResolutionType type)
    {
        Assert.Throws<ArgumentException>(() => Resolution.Grant(new GrantedResolution(type, null, null, " "), A.DeskEmployee, A.Now));
        Assert.Equal("Nieuwe", Resolution.Grant(new GrantedResolution(type, null, null, " Nieuwe "), A.DeskEmployee, A.Now).Note);
    }

    [Fact]
    public void Gives_a_voucher_its_amount_and_no_refund_method()
    {
        var voucher = Resolution.Grant(new GrantedResolution(ResolutionType.Voucher, new Money(1000), RefundMethod.Cash, null), A.DeskEmployee, A.Now);

        Assert.Equal(1000, voucher.AmountCents);
        Assert.Null(voucher.RefundMethod);
    }
}

public class CustomerCreate
{
    [Fact]
    public void Normalises_contact_details_so_a_returning_customer_is_found_again()
    {
        var customer = Customer.Create(" Joost de Vries ", " Joost@Example.NL ", "06-12 34 56 78", "3511 cd", A.Now);

        Assert.Equal("Joost de Vries", customer.Name);
        Assert.Equal("joost@example.nl", customer.Email);
        Assert.Equal("0612345678", customer.Phone);
        Assert.Equal("3511CD", customer.Postcode);
        Assert.Equal("Joost", customer.FirstName);
    }

    [Fact]
    public void Keeps_known_details_when_a_later_visit_leaves_them_out()
    {
        var customer = A.Customer(email: "fatima@example.nl", postcode: "1012AB");

        customer.UpdateContactDetails("Fatima el Amrani", null, "0611111111", null);

        Assert.Equal("fatima@example.nl", customer.Email);
        Assert.Equal("1012AB", customer.Postcode);
        Assert.Equal("0611111111", customer.Phone);
    }
}

public class SearchTextFoldsCaseAndAccents
{
    [Theory]
    [InlineData("Özlem Çelik", "ozlem celik")]
    [InlineData("  José   María  ", "jose maria")]
    [InlineData("Straße Ærø Łódź", "strasse aero lodz")]
    [InlineData("", "")]
    public void Folds_what_people_type_into_what_search_compares(string text, string folded) => Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void A_customer_keeps_its_search_name_with_every_change_and_erasure()
    {
        var customer = Customer.Create("Özlem Çelik", null, null, null, A.Now);
        Assert.Equal("ozlem celik", customer.SearchName);

        customer.UpdateContactDetails("Zoë Dijkstra", null, null, null);
        Assert.Equal("zoe dijkstra", customer.SearchName);

        customer.Anonymise(A.Now);
        Assert.Equal("geanonimiseerd", customer.SearchName);
    }
}
