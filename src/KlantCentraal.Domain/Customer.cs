namespace KlantCentraal.Domain;

/// <summary>A person who complained. Found again by e-mail address or phone number.</summary>
public sealed class Customer
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 32;
    public const int PostcodeMaxLength = 12;
    public const int TrustFlagReasonMaxLength = 500;

    private readonly List<CustomerHistoryEntry> _history = [];

    private Customer()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower case, trimmed; null when unknown.</summary>
    public string? Email { get; private set; }

    /// <summary>Digits only, with a leading + kept; null when unknown.</summary>
    public string? Phone { get; private set; }

    /// <summary>Upper case letters and digits only ("1234AB"); null when unknown.</summary>
    public string? Postcode { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>A manager's written reason why resolutions for this customer need a co-signature. Never a refusal.</summary>
    public string? TrustFlagReason { get; private set; }

    public DateTime? TrustFlaggedAt { get; private set; }

    public string? TrustFlaggedByName { get; private set; }

    public bool HasTrustFlag => TrustFlagReason is not null;

    /// <summary>The number the desk can search by: "KC000123".</summary>
    public string CustomerNumber => FormatNumber(Id);

    public static string FormatNumber(int id) => $"KC{id:D6}";

    public static int? ParseNumber(string? text)
    {
        var trimmed = text?.Trim().ToUpperInvariant();
        if (trimmed is null || !trimmed.StartsWith("KC", StringComparison.Ordinal))
        {
            return null;
        }

        return int.TryParse(trimmed.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>Puts a trust flag on the customer. Only a manager may; a written reason is required.</summary>
    public void FlagTrust(string reason, StaffMember manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!manager.IsManager)
        {
            throw new DomainException(DomainError.OnlyManagerFlagsTrust, "Only a manager can set a trust flag.");
        }

        TrustFlagReason = Limit(reason);
        TrustFlaggedAt = at;
        TrustFlaggedByName = manager.FirstName;
        _history.Add(new CustomerHistoryEntry(CustomerHistoryKind.TrustFlagSet, at, manager.FirstName, manager.Id, TrustFlagReason));
    }

    /// <summary>Lifts the trust flag, with a written reason. Throws when there is none.</summary>
    public void LiftTrustFlag(string reason, StaffMember manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!manager.IsManager)
        {
            throw new DomainException(DomainError.OnlyManagerFlagsTrust, "Only a manager can lift a trust flag.");
        }

        if (!HasTrustFlag)
        {
            throw new DomainException(DomainError.NoTrustFlag, "This customer has no trust flag.");
        }

        var why = Limit(reason);
        TrustFlagReason = null;
        TrustFlaggedAt = null;
        TrustFlaggedByName = null;
        _history.Add(new CustomerHistoryEntry(CustomerHistoryKind.TrustFlagLifted, at, manager.FirstName, manager.Id, why));
    }

    /// <summary>When the personal data was removed (retention period ended, or erased on request).</summary>
    public DateTime? AnonymisedAt { get; private set; }

    /// <summary>The name shown after anonymisation.</summary>
    public const string AnonymousName = "Geanonimiseerd";

    /// <summary>
    /// Removes everything that identifies the person (name, contact details, trust-flag reasons), keeping the
    /// record itself so complaints, amounts and statistics stay right. Doing it twice changes nothing.
    /// </summary>
    public void Anonymise(DateTime at)
    {
        if (AnonymisedAt is not null)
        {
            return;
        }

        Name = AnonymousName;
        SearchName = SearchText.Fold(Name);
        Email = null;
        Phone = null;
        Postcode = null;
        TrustFlagReason = null;
        TrustFlaggedAt = null;
        TrustFlaggedByName = null;
        foreach (var entry in _history)
        {
            entry.RemoveReason();
        }

        AnonymisedAt = at;
    }

    /// <summary>Trust flags set and lifted, with who, when and why.</summary>
    public IReadOnlyList<CustomerHistoryEntry> History => _history;

    /// <summary>A trust flag's reason, required and at most <see cref="TrustFlagReasonMaxLength"/> characters.</summary>
    private static string Limit(string? reason)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > TrustFlagReasonMaxLength
            ? throw new DomainException(DomainError.TrustFlagReasonMissing, $"A trust flag needs a reason of at most {TrustFlagReasonMaxLength} characters.", TrustFlagReasonMaxLength)
            : trimmed;
    }

    public static Customer Create(string name, string? email, string? phone, string? postcode, DateTime createdAt)
    {
        var customer = new Customer { CreatedAt = createdAt };
        customer.UpdateContactDetails(name, email, phone, postcode);
        return customer;
    }

    /// <summary>
    /// True when <paramref name="email"/> would replace a different address this customer already has: the desk
    /// asks the employee to confirm that on screen, since whoever stands at the counter may not be this customer.
    /// </summary>
    public bool WouldChangeEmail(string? email) =>
        Email is not null && NormalizeEmail(email) is { } proposed && !string.Equals(proposed, Email, StringComparison.Ordinal);

    /// <summary>Takes the latest name and fills in contact details the customer gave this time.</summary>
    public void UpdateContactDetails(string name, string? email, string? phone, string? postcode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > NameMaxLength)
        {
            throw new ArgumentException($"A name has at most {NameMaxLength} characters.", nameof(name));
        }

        if (!ContactRules.IsAcceptableName(trimmed))
        {
            throw new ArgumentException("A name needs a visible letter and no control or bidi-override characters.", nameof(name));
        }

        var normalizedEmail = NormalizeEmail(email);
        var normalizedPhone = NormalizePhone(phone);
        var normalizedPostcode = NormalizePostcode(postcode);
        if (normalizedEmail is not null && !ContactRules.IsEmailAddress(normalizedEmail))
        {
            throw new ArgumentException("Not a valid e-mail address.", nameof(email));
        }

        if (normalizedPhone is { Length: > PhoneMaxLength } || normalizedPostcode is { Length: > PostcodeMaxLength })
        {
            throw new ArgumentException("Phone number or postcode too long.");
        }

        Name = trimmed;
        SearchName = SearchText.Fold(trimmed);
        Email = normalizedEmail ?? Email;
        Phone = normalizedPhone ?? Phone;
        Postcode = normalizedPostcode ?? Postcode;
    }

    /// <summary>The name as search compares it (<see cref="SearchText.Fold"/>); null only for rows not yet filled in after an upgrade.</summary>
    public string? SearchName { get; private set; }

    /// <summary>Fills in <see cref="SearchName"/> for a row stored before it existed.</summary>
    public void RefreshSearchName() => SearchName = SearchText.Fold(Name);

    /// <summary>The first name, for a greeting.</summary>
    public string FirstName => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return null;
        }

        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }

    public static string? NormalizePostcode(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            return null;
        }

        var symbols = new string(postcode.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return symbols.Length == 0 ? null : symbols;
    }
}
