using System.Text.RegularExpressions;

namespace KlantCentraal.Domain;

/// <summary>What describes a store: its code (the key a chain uses everywhere), name, where and how to reach it.</summary>
public sealed record StoreDetails(
    string Code,
    string Name,
    string City,
    string? Address,
    string? Phone,
    string? Email,
    OpeningHours OpeningHours,
    Money? CoSignLimit = null,
    Money? MonthlyBudget = null,
    Country Country = Country.Netherlands);

/// <summary>Where a store is: its public holidays are that country's.</summary>
public enum Country
{
    Netherlands,
    Belgium,
}

/// <summary>What is wrong with <see cref="StoreDetails"/>: one code per rule, translated once by the web layer.</summary>
public enum StoreProblem
{
    CodeInvalid,
    NameMissing,
    NameTooLong,
    CityMissing,
    CityTooLong,
    AddressTooLong,
    PhoneTooLong,
    EmailInvalid,
    CoSignLimitInvalid,
    BudgetInvalid,
}

/// <summary>
/// One store of the chain: the counter where complaints are made and resolved. Its own co-sign limit (else the
/// organisation's) and monthly goodwill budget are optional. A closed store keeps its history: it is never
/// deleted, it only stops being offered for new complaints.
/// </summary>
public sealed partial class Store
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int CityMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 254;
    public const int OpeningHoursMaxLength = 120;

    private Store()
    {
        Code = string.Empty;
        Name = string.Empty;
        City = string.Empty;
        OpeningHoursText = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>Upper case letters, digits and dashes ("UTR-01"); unique; a re-import by code updates the store.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public string City { get; private set; }

    /// <summary>Name and city as search compares them (<see cref="SearchText.Fold"/>); null only on rows from before it existed.</summary>
    public string? SearchText { get; private set; }

    /// <summary>Fills in <see cref="SearchText"/> for a row stored before it existed.</summary>
    public void RefreshSearchText() => SearchText = Domain.SearchText.Fold(Name + " " + City);

    public string? Address { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The stored form of <see cref="OpeningHours"/>.</summary>
    public string OpeningHoursText { get; private set; }

    public OpeningHours OpeningHours => OpeningHours.Parse(OpeningHoursText);

    public long? CoSignLimitCents { get; private set; }

    public long? MonthlyBudgetCents { get; private set; }

    public Money? CoSignLimit => CoSignLimitCents is { } c ? new Money(c) : null;

    public Money? MonthlyBudget => MonthlyBudgetCents is { } c ? new Money(c) : null;

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The country whose public holidays the store keeps (the Netherlands unless said otherwise).</summary>
    public Country Country { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>"UTR-01": what a code looks like once normalised.</summary>
    public static string NormaliseCode(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    public static bool IsValidCode(string? code) => CodePattern().IsMatch(NormaliseCode(code));

    public static Store Open(StoreDetails details)
    {
        var store = new Store();
        store.Update(details);
        return store;
    }

    /// <summary>The largest monthly budget: € 10.000.000,00. Anything above is a typing error.</summary>
    public static readonly Money MaxBudget = new(Money.Max.Cents * 100);

    /// <summary>Every rule a store's details must meet, in one place for the form, the CSV import and the entity.</summary>
    public static IReadOnlyList<StoreProblem> ProblemsWith(StoreDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = new List<StoreProblem>();
        void Check(bool broken, StoreProblem problem)
        {
            if (broken)
            {
                problems.Add(problem);
            }
        }

        Check(!IsValidCode(details.Code), StoreProblem.CodeInvalid);
        Check(string.IsNullOrWhiteSpace(details.Name), StoreProblem.NameMissing);
        Check(details.Name?.Trim().Length > NameMaxLength, StoreProblem.NameTooLong);
        Check(string.IsNullOrWhiteSpace(details.City), StoreProblem.CityMissing);
        Check(details.City?.Trim().Length > CityMaxLength, StoreProblem.CityTooLong);
        Check(details.Address?.Trim().Length > AddressMaxLength, StoreProblem.AddressTooLong);
        Check(details.Phone?.Trim().Length > PhoneMaxLength, StoreProblem.PhoneTooLong);
        Check(!string.IsNullOrWhiteSpace(details.Email) && (details.Email.Trim().Length > EmailMaxLength || !ContactRules.IsEmailAddress(details.Email.Trim())), StoreProblem.EmailInvalid);
        Check(details.CoSignLimit is { } limit && (!limit.IsPositive || limit > Money.Max), StoreProblem.CoSignLimitInvalid);
        Check(details.MonthlyBudget is { } budget && (!budget.IsPositive || budget > MaxBudget), StoreProblem.BudgetInvalid);
        return problems;
    }

    /// <summary>Changes what describes the store. Returns true when anything changed.</summary>
    public bool Update(StoreDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (ProblemsWith(details) is { Count: > 0 } problems)
        {
            throw new DomainException(DomainError.StoreDetailsInvalid, $"The store's details break these rules: {string.Join(", ", problems)}.");
        }

        var code = NormaliseCode(details.Code);
        var name = details.Name.Trim();
        var city = details.City.Trim();
        var address = Optional(details.Address);
        var phone = Optional(details.Phone);
        var email = Optional(details.Email);

        var hours = (details.OpeningHours ?? OpeningHours.Closed).ToString();
        var changed = code != Code || name != Name || city != City || address != Address || phone != Phone || email != Email
            || hours != OpeningHoursText || details.CoSignLimit?.Cents != CoSignLimitCents || details.MonthlyBudget?.Cents != MonthlyBudgetCents
            || details.Country != Country;
        Code = code;
        Name = name;
        City = city;
        RefreshSearchText();
        Address = address;
        Phone = phone;
        Email = email;
        OpeningHoursText = hours;
        CoSignLimitCents = details.CoSignLimit?.Cents;
        MonthlyBudgetCents = details.MonthlyBudget?.Cents;
        Country = details.Country;
        return changed;
    }

    /// <summary>Closes the store: it keeps its complaints and figures, and is no longer offered for new complaints.</summary>
    public void Close(DateTime at)
    {
        if (IsClosed)
        {
            throw new DomainException(DomainError.StoreAlreadyClosed, $"Store {Code} is already closed.");
        }

        ClosedAt = at;
    }

    public void Reopen() => ClosedAt = null;

    /// <summary>The co-sign policy at this store: its own limit when it has one, else the organisation's.</summary>
    public CoSignPolicy PolicyFrom(CoSignPolicy organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return CoSignLimit is { } limit ? organisation with { Limit = limit } : organisation;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,19}$")]
    private static partial Regex CodePattern();
}

/// <summary>How much of a store's monthly goodwill budget is used before the resolution at hand.</summary>
public sealed record StoreBudget(string StoreName, Money Budget, Money Used)
{
    public Money Left => Used > Budget ? Money.Zero : new Money(Budget.Cents - Used.Cents);

    public bool ExceededBy(Money amount) => Used + amount > Budget;
}
