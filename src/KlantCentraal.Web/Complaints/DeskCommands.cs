using KlantCentraal.Domain;
using KlantCentraal.Web.Mail;

namespace KlantCentraal.Web.Complaints;

/// <summary>Who the customer is, as told at the desk.</summary>
public sealed record CustomerContact(string Name, string? Email, string? Phone, string? Postcode);

/// <summary>
/// The desk's one step: record, resolve and queue the investigation. Only at the desk
/// (<see cref="FromDesk"/>) is an existing customer used and updated: <paramref name="CustomerId"/> is the customer
/// the desk picked from the search, else the customer is found by e-mail or phone, else created. Anywhere else
/// (an integration) whoever sends the request may lie about who they are, so a new customer record is made.
/// </summary>
public sealed record RecordAndResolve(Guid SubmissionId, CustomerContact Customer, ComplaintDetails Complaint, GrantedResolution Resolution, StaffMember Staff, int? CustomerId = null)
{
    /// <summary>The managers who co-sign, when the policy asks for it.</summary>
    public CoSigners? CoSigners { get; init; }

    /// <summary>How each co-signer signed (password or PIN), for the audit log written with the grant.</summary>
    public IReadOnlyList<CoSignature> CoSignatures { get; init; } = [];

    /// <summary>How to write the customer's confirmation; null: no letter (an integration tells its customer itself).</summary>
    public LetterContext? Letter { get; init; }

    /// <summary>Who sent the submission: its id finds an earlier complaint only for the same client.</summary>
    public string Client { get; init; } = "desk";

    /// <summary>Recorded by a signed-in desk employee, who may pick and update an existing customer.</summary>
    public bool FromDesk { get; init; }

    /// <summary>The employee confirmed on screen that the customer's known e-mail address is replaced.</summary>
    public bool EmailChangeConfirmed { get; init; }

    /// <summary>
    /// What the employee chose when the phone number typed for a new customer belongs to a known customer with another
    /// name (<see cref="PhoneMatchCustomerId"/>, the one shown): ask first, file it under that customer (whose details
    /// stay as they are), or make a new customer after all. A phone number alone never makes two people one.
    /// </summary>
    public PhoneMatchChoice PhoneMatch { get; init; }

    /// <summary>The known customer the employee was shown for <see cref="PhoneMatch"/>.</summary>
    public int? PhoneMatchCustomerId { get; init; }

    /// <summary>Ask before storing a complaint that looks like one the desk recorded moments ago (not yet confirmed as another).</summary>
    public bool AskIfSameComplaint { get; init; }
}

/// <summary>
/// A complaint received without resolution: from the online form, an integration or e-mail. The sender is not signed
/// in, so <see cref="Client"/> scopes the submission id, and a new customer record is made.
/// </summary>
public sealed record Receive(Guid SubmissionId, string Client, CustomerContact Customer, ComplaintDetails Complaint)
{
    /// <summary>How to write the receipt to the customer; null: no letter.</summary>
    public LetterContext? Letter { get; init; }
}

/// <summary>The desk resolves a complaint received earlier (from the web inbox).</summary>
public sealed record ResolveReceived(string TrackingCode, GrantedResolution Resolution, StaffMember Staff)
{
    public CoSigners? CoSigners { get; init; }

    /// <summary>How each co-signer signed (password or PIN), for the audit log written with the grant.</summary>
    public IReadOnlyList<CoSignature> CoSignatures { get; init; } = [];

    /// <summary>How to write the confirmation; null: no letter.</summary>
    public LetterContext? Letter { get; init; }
}

/// <summary>A complaint recorded a moment ago, for the question "al een klacht over dit product — openen?".</summary>
public sealed record JustRecorded(string TrackingCode, string CustomerName, DateTime ReceivedAt)
{
    public string FirstName => CustomerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? CustomerName;
}

/// <summary>The tracking code handed to the customer; AlreadyRecorded when the same submission came in twice.</summary>
public sealed record RecordedComplaint(string TrackingCode, bool AlreadyRecorded);

/// <summary>A manager's co-signature as checked on the desk's screen: who, with which address, and how (wachtwoord or meeteken-PIN).</summary>
public sealed record CoSignature(string ManagerId, string? Email, string How);

/// <summary>The desk corrects a complaint's descriptive fields, guarded by the <paramref name="Version"/> the employee saw.</summary>
public sealed record CorrectComplaint(string TrackingCode, int Version, ComplaintCorrection Correction, StaffMember By);

/// <summary>The desk moves a complaint to another of the employee's stores (null: to none), as <paramref name="Access"/> allows.</summary>
public sealed record MoveToStore(string TrackingCode, int? StoreId, StaffMember By, Stores.StoreAccess.Snapshot Access);

/// <summary>Draws new tracking codes; tests replace it to force a collision.</summary>
public class TrackingCodeSource
{
    public virtual TrackingCode Next() => TrackingCode.New();
}

/// <summary>A known customer who may be the one behind a complaint that came in online.</summary>
public sealed record PossibleMatch(int Id, string Name, string? Email, string? Phone, string? Postcode)
{
    public string CustomerNumber => Customer.FormatNumber(Id);
}

/// <summary>The desk's answer to "Er is al een klant met dit telefoonnummer".</summary>
public enum PhoneMatchChoice
{
    Ask,
    UseKnown,
    NewCustomer,
}

/// <summary>The phone number typed for a new customer belongs to a known customer with another name: the employee chooses first.</summary>
public sealed class PhoneOfAnotherCustomerException(int customerId, string name)
    : InvalidOperationException("The phone number belongs to a known customer with another name; the employee chooses first.")
{
    public int CustomerId { get; } = customerId;

    public string Name { get; } = name;
}

/// <summary>The desk would replace a customer's known e-mail address: the employee confirms that on screen first.</summary>
public sealed class EmailChangeNotConfirmedException(string knownEmail)
    : InvalidOperationException("Replacing the customer's known e-mail address needs the employee's confirmation.")
{
    public string KnownEmail { get; } = knownEmail;
}
