using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Customers;

/// <summary>One customer found by the desk's search, with how often they complained before.</summary>
public sealed record CustomerMatch(int Id, string Name, string? Email, string? Phone, string? Postcode, int Complaints, bool HasTrustFlag)
{
    public string CustomerNumber => Customer.FormatNumber(Id);
}

/// <summary>
/// One row of SQLite's trigram index over the customers (ADR 0038): the customer's id as the row id, and their folded
/// name, e-mail address and phone number, one per line. Triggers on <c>Customers</c> keep it; the app only reads it.
/// </summary>
public sealed class CustomerSearchRow
{
    public int Id { get; private set; }

    public string Text { get; private set; } = string.Empty;
}

/// <summary>A returning customer's history, for the "welkom terug" panel.</summary>
public sealed record CustomerHistory(
    int Id,
    string Name,
    string? Email,
    string? Phone,
    string? Postcode,
    string? TrustFlagReason,
    string? TrustFlaggedByName,
    IReadOnlyList<CustomerHistory.Entry> Complaints)
{
    public string CustomerNumber => Customer.FormatNumber(Id);

    public string FirstName => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>Everything refunded or given as vouchers to this customer, in cents.</summary>
    public long GoodwillCents => Complaints.Sum(c => c.AmountCents ?? 0);

    public sealed record Entry(string TrackingCode, DateTime ReceivedAt, string ProductName, ComplaintStatus Status, ResolutionType? ResolutionType, long? AmountCents)
    {
        public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;
    }
}

/// <summary>Finds customers by name, e-mail, phone, postcode or customer number, as the desk types.</summary>
public static class CustomerSearch
{
    public const int MaxMatches = 8;

    /// <summary>What a search term is cut to (the desk's live search ignores longer ones): more than people type to find someone.</summary>
    public const int MaxTermLength = 100;

    /// <summary>How many customers a name, e-mail or phone search considers at most: the newest ones (ADR 0038).</summary>
    public const int MaxTextMatches = 1_000;

    /// <summary>
    /// The one rule for "the same customer" (issue 31, item 5): a customer who is not erased, with this e-mail address
    /// or this phone number (both normalised here); those with the e-mail address first, then the oldest record. The
    /// desk's recording, its "known customer?" hint, the matches offered for an online complaint and the API's customer
    /// lookup all ask this, so the hint names the customer the desk's save would update.
    /// </summary>
    public static IQueryable<Customer> SameAs(this IQueryable<Customer> customers, string? email, string? phone)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var (byEmail, byPhone) = (Customer.NormalizeEmail(email), Customer.NormalizePhone(phone));
        if (byEmail is null && byPhone is null)
        {
            return customers.Where(_ => false);
        }

        return customers
            .Where(c => c.AnonymisedAt == null && ((byEmail != null && c.Email == byEmail) || (byPhone != null && c.Phone == byPhone)))
            .OrderBy(c => byEmail != null && c.Email == byEmail ? 0 : 1)
            .ThenBy(c => c.Id);
    }

    public static async Task<IReadOnlyList<CustomerMatch>> FindAsync(AppDbContext db, string? query, CancellationToken cancellationToken)
    {
        var term = query?.Trim() ?? string.Empty;
        if (term.Length < 2 || term.Length > MaxTermLength)
        {
            return [];
        }

        return await Matching(db, db.Customers.AsNoTracking(), term)
            .OrderBy(c => c.Name)
            .Take(MaxMatches)
            .Select(c => new CustomerMatch(c.Id, c.Name, c.Email, c.Phone, c.Postcode, db.Complaints.Count(x => x.CustomerId == c.Id), c.TrustFlagReason != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The customers whose customer number, name (any case, with or without accents), e-mail, phone or postcode
    /// matches what was typed: the one rule the desk's search, the complaint list and the managers' customer list share.
    /// </summary>
    public static IQueryable<Customer> Matching(AppDbContext db, IQueryable<Customer> customers, string term)
    {
        ArgumentNullException.ThrowIfNull(db);
        term = term.Trim();
        var number = Customer.ParseNumber(term) ?? -1;
        var postcode = Customer.NormalizePostcode(term);
        var byText = MatchingText(db, term);
        return customers.Where(c => c.Id == number || byText.Contains(c.Id) || c.Postcode == postcode);
    }

    /// <summary>
    /// The newest <see cref="MaxTextMatches"/> customers whose name, e-mail address or phone number holds what was typed
    /// anywhere in it (ADR 0038). On SQLite a trigram index answers it (the <c>CustomerSearch</c> FTS5 table, kept by
    /// triggers), on PostgreSQL the <c>pg_trgm</c> indexes on the same columns; a search that matches more customers than
    /// that is asked to be more precise, as large helpdesks do, instead of counting millions.
    /// </summary>
    public static IQueryable<int> MatchingText(AppDbContext db, string term)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Every trigram of the term is a term of the index's query: a pasted page of text is cut to what a name holds.
        term = term.Trim();
        term = term.Length > MaxTermLength ? term[..MaxTermLength] : term;
        var folded = SearchText.ContainsPattern(term);
        // Typed as a phone number ("06-1357 9246", "+31 6 …"): also as its digits. Not for a name or an address with
        // digits in it, whose digits alone would find everyone who has them anywhere.
        var phone = term.Count(char.IsAsciiDigit) >= 4 && term.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/')
            ? SearchText.LikePattern(Customer.NormalizePhone(term))
            : folded;
        if (db.Database.IsSqlite())
        {
            // Two LIKEs, each its own IN: the FTS5 table answers one LIKE per query with its index, not an OR of them.
            var byName = db.CustomerSearchIndex.Where(r => EF.Functions.Like(r.Text, folded)).OrderByDescending(r => r.Id).Take(MaxTextMatches).Select(r => r.Id);
            var byPhone = db.CustomerSearchIndex.Where(r => EF.Functions.Like(r.Text, phone)).OrderByDescending(r => r.Id).Take(MaxTextMatches).Select(r => r.Id);
            return phone == folded
                ? byName
                : db.Customers.Where(c => byName.Contains(c.Id) || byPhone.Contains(c.Id)).Select(c => c.Id);
        }

        return db.Customers
            .Where(c => EF.Functions.Like(c.SearchName!, folded) || EF.Functions.Like(c.Email!, folded) || EF.Functions.Like(c.Phone!, phone))
            .OrderByDescending(c => c.Id)
            .Take(MaxTextMatches)
            .Select(c => c.Id);
    }

    public static async Task<CustomerHistory?> HistoryAsync(AppDbContext db, int customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.Id)
            .Select(c => new CustomerHistory.Entry(c.TrackingCode.Value, c.ReceivedAt, c.ProductName, c.Status, c.Resolution!.Type, c.Resolution.AmountCents))
            .ToListAsync(cancellationToken);
        return new CustomerHistory(customer.Id, customer.Name, customer.Email, customer.Phone, customer.Postcode, customer.TrustFlagReason, customer.TrustFlaggedByName, complaints);
    }
}
