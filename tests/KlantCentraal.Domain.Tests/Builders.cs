namespace KlantCentraal.Domain.Tests;

/// <summary>Valid defaults, so each test states only what matters to it.</summary>
internal static class A
{
    public static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    public static readonly StaffMember DeskEmployee = new("staff-1", "Sanne");

    public static readonly StaffMember Manager = new("manager-1", "Daan", isManager: true);
    public static readonly StaffMember SecondManager = new("manager-2", "Noor", isManager: true);

    public static readonly DateOnly Due = DateOnly.FromDateTime(Now).AddDays(14);

    public static Customer Customer(string name = "Fatima el Amrani", string? email = "fatima@example.nl", string? phone = null, string? postcode = "1012 AB") =>
        Domain.Customer.Create(name, email, phone, postcode, Now);

    public static ComplaintDetails Details(ReceiptStatus receipt = ReceiptStatus.No, DateOnly? purchaseDate = null, string product = "Waterkoker", string? articleNumber = null) =>
        new(Channel.Counter, ComplaintCategory.ProductDefect, product, articleNumber, purchaseDate, null, receipt, "Lekt", ResolutionType.Refund);

    public static Complaint Complaint(ReceiptStatus receipt = ReceiptStatus.No) =>
        Domain.Complaint.Record(Customer(), Details(receipt), TrackingCode.New(), DeskEmployee, Now);

    public static Resolution Refund(long cents = 2495, StaffMember? coSignedBy = null, StaffMember? secondCoSignedBy = null) =>
        Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(cents), RefundMethod.Cash, null), DeskEmployee, Now, coSignedBy is null && secondCoSignedBy is null ? null : new CoSigners(coSignedBy!, secondCoSignedBy));

    public static StoreDetails StoreDetails(string code = "UTR-01", Money? budget = null, Money? coSignLimit = null) =>
        new(code, "KlantCentraal Utrecht", "Utrecht", "Oudegracht 100", "030-1234567", "utrecht@example.nl", Domain.OpeningHours.Parse("mo=09:00-18:00;tu=09:00-18:00;we=09:00-18:00;th=09:00-18:00;fr=09:00-21:00;sa=10:00-17:00;su="), coSignLimit, budget);

    public static Store Store(string code = "UTR-01", Money? budget = null, Money? coSignLimit = null) => Domain.Store.Open(StoreDetails(code, budget, coSignLimit));

    public static ComplaintCorrection CorrectionOf(Complaint c) =>
        new(c.Channel, c.Category, c.ProductName, c.ArticleNumber, c.PurchaseDate, c.PurchasePlace, c.Receipt, c.Description);

    public static Complaint ResolvedComplaint()
    {
        var complaint = Complaint();
        complaint.Resolve(Refund(), DeskEmployee, CoSignPolicy.Default, Now, DateOnly.FromDateTime(Now));
        return complaint;
    }
}
