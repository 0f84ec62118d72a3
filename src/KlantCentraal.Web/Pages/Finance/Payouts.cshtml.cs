using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Payouts;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Finance;

/// <summary>
/// Uitbetalingen (issue 43): the refunds the desk granted to be paid out later — by bank transfer or back through the
/// original payment method — that are not paid yet, oldest first, with the day each is due (working days of the
/// organisation's calendar, <c>Fulfilment:RefundWithinWorkingDays</c>) and what is late; totals per store; filters by
/// store, way of paying and late, a search on tracking code or name, pages of 50. Finance marks one paid with the day
/// and the bank's or provider's reference; the customer's status page then says so.
/// </summary>
public sealed class PayoutsModel(PayoutsModel.Query query, RefundPayouts payouts, Localization.Formats formats, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    /// <summary>What the page reads (Contoso's Query): the refunds still owed, their totals per store, and the stores.</summary>
    public sealed class Query(AppDbContext db, OwedRefunds owedRefunds, Organisation.OrganisationCalendar calendar, CurrentStaff staff)
    {
        public DateOnly Today => calendar.Today();

        public Task<StaffMember> StaffAsync() => staff.GetAsync();

        public async Task<Owed> OwedAsync(Filter filter, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(filter);
            var (payBy, lateBefore) = await owedRefunds.ClockAsync(cancellationToken);
            var owed = owedRefunds.All;
            var totals = (await owedRefunds.PerStoreAsync(null, cancellationToken)).Select(s => new StoreTotal(s.StoreId, s.Totals.Count, s.Totals.Cents, s.Totals.Late, s.Totals.LateCents)).ToList();

            if (filter.StoreId is { } storeId)
            {
                owed = owed.Where(c => c.StoreId == storeId);
            }

            if (filter.Method is { } method)
            {
                owed = owed.Where(c => c.Resolution!.RefundMethod == method);
            }

            if (filter.LateOnly)
            {
                owed = owed.Where(c => c.Resolution!.GrantedAt < lateBefore);
            }

            if (!string.IsNullOrWhiteSpace(filter.Q))
            {
                var name = SearchText.ContainsPattern(filter.Q);
                owed = TrackingCode.TryParse(filter.Q, out var code)
                    ? owed.Where(c => c.TrackingCode == code!)
                    : owed.Where(c => EF.Functions.Like(c.Customer!.SearchName, name));
            }

            var count = await owed.CountAsync(cancellationToken);
            var rows = (await owed.OrderBy(c => c.Resolution!.GrantedAt).ThenBy(c => c.Id)
                    .Skip((filter.Page - 1) * PageSize).Take(PageSize)
                    .Select(c => new { c.TrackingCode, c.Resolution!.GrantedAt, Customer = c.Customer!.Name, c.StoreId, c.Resolution.RefundMethod, c.Resolution.AmountCents })
                    .ToListAsync(cancellationToken))
                .Select(r => new Row(r.TrackingCode.Value, r.TrackingCode.Display, r.GrantedAt, payBy(r.GrantedAt), r.Customer, r.StoreId, r.RefundMethod!.Value, r.AmountCents ?? 0))
                .ToList();
            var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Name).Select(s => new StoreChoice(s.Id, s.Code, s.Name, s.City)).ToListAsync(cancellationToken);
            return new Owed(rows, count, totals.OrderByDescending(s => s.Cents).ToList(), stores);
        }

        /// <summary>The refunds paid out in one month (by the day they were paid), per store then day, for the accounts.</summary>
        public IAsyncEnumerable<Paid> PaidIn(DateOnly month)
        {
            var first = new DateOnly(month.Year, month.Month, 1);
            var next = first.AddMonths(1);
            return (from c in db.Complaints.AsNoTracking().Where(c => c.Resolution != null && c.Resolution.PaidOn >= first && c.Resolution.PaidOn < next)
                    join store in db.Stores.AsNoTracking() on c.StoreId equals (int?)store.Id into atStore
                    from store in atStore.DefaultIfEmpty()
                    orderby store.Code, c.Resolution!.PaidOn, c.Id
                    select new Paid(c.Resolution!.PaidOn!.Value, store == null ? null : store.Code, c.TrackingCode.Value, c.Customer!.Name, c.Resolution.RefundMethod!.Value, c.Resolution.AmountCents ?? 0, c.Resolution.PaymentReference, c.Resolution.PaidByName, c.Resolution.GrantedAt))
                .AsAsyncEnumerable();
        }
    }

    /// <summary>One refund paid out, as the finance CSV lists it.</summary>
    public sealed record Paid(DateOnly PaidOn, string? StoreCode, string TrackingCode, string CustomerName, RefundMethod Method, long AmountCents, string? Reference, string? PaidBy, DateTime GrantedAt);

    public sealed record Filter(int? StoreId, RefundMethod? Method, string? Q, bool LateOnly, int Page);

    public sealed record Row(string TrackingCode, string TrackingCodeDisplay, DateTime GrantedAt, DateOnly PayBy, string CustomerName, int? StoreId, RefundMethod Method, long AmountCents);

    public sealed record StoreTotal(int? StoreId, int Count, long Cents, int Late, long LateCents);

    public sealed record Owed(IReadOnlyList<Row> Rows, int Count, IReadOnlyList<StoreTotal> Totals, IReadOnlyList<StoreChoice> Stores);

    [BindProperty(SupportsGet = true, Name = "store")]
    public int? StoreId { get; set; }

    [BindProperty(SupportsGet = true, Name = "method")]
    public RefundMethod? Method { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "late")]
    public bool LateOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The refund being marked paid, its day and its reference (one small form per row).</summary>
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public DateOnly? PaidOn { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public Owed Result { get; private set; } = new([], 0, [], []);

    public DateOnly Today => query.Today;

    public int PageCount => Math.Max(1, (Result.Count + PageSize - 1) / PageSize);

    public string StoreName(int? storeId) => storeId is { } id && Result.Stores.FirstOrDefault(s => s.Id == id) is { } store ? store.Label : t["zonder winkel"];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The month the paid-refunds CSV covers ("2026-12"); this month when not given.</summary>
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    /// <summary>
    /// "Betaald per maand (CSV)": every refund paid out in the month, per store (the cost centre) then day, for the
    /// accounts; a month that cannot be read is this month.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var month = DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asked) ? asked : query.Today;
        await Reporting.SpreadsheetCsv.StreamAsync(
            Response,
            $"klantcentraal-uitbetaald-{month:yyyy-MM}.csv",
            [t["Betaald op"], t["Winkel"], t["Volgcode"], t["Klant"], t["Betaalwijze"], t["Bedrag (euro)"], t["Kenmerk van de betaling"], t["Betaald door"], t["Toegezegd op"]],
            query.PaidIn(month),
            p => [formats.Date(p.PaidOn), p.StoreCode, TrackingCode.Parse(p.TrackingCode).Display, p.CustomerName, formats.Label(p.Method), Money.EurosOf(p.AmountCents), p.Reference, p.PaidBy, formats.Date(p.GrantedAt)],
            cancellationToken);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostPaidAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (PaidOn is not { } paidOn)
        {
            ModelState.AddModelError(nameof(PaidOn), t["Kies de dag waarop het geld is overgemaakt, zoals {0}.", formats.Date(query.Today)]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var outcome = await payouts.MarkPaidAsync(new MarkRefundPaid(Code ?? string.Empty, paidOn, Reference, await query.StaffAsync()), cancellationToken);
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                Saved = outcome.Mailed == true
                    ? t["De terugbetaling van {0} staat op betaald (op {1}). De klant ziet het op de statuspagina en kreeg een e-mail.", TrackingCode.Parse(Code!).Display, formats.Date(paidOn)]
                    : t["De terugbetaling van {0} staat op betaald (op {1}). De klant ziet het op de statuspagina.", TrackingCode.Parse(Code!).Display, formats.Date(paidOn)];
                return RedirectToPage(new { store = StoreId, method = Method, q = Q, late = LateOnly ? true : (bool?)null, p = PageNumber });
            case OutcomeKind.NotFound:
                ModelState.AddModelError(string.Empty, t["Deze klacht bestaat niet (meer). Laad de lijst opnieuw."]);
                break;
            case OutcomeKind.Conflict:
                ModelState.AddModelError(string.Empty, t["Iemand anders wijzigde deze terugbetaling net. Er is niets dubbel betaald; bekijk de lijst opnieuw."]);
                break;
            default:
                var refusal = outcome.Refusal!;
                ModelState.AddModelError(refusal.Error is DomainError.PaymentReferenceMissing or DomainError.TextTooLong ? nameof(Reference) : refusal.Error == DomainError.PaidOnOutOfRange ? nameof(PaidOn) : string.Empty, formats.Message(refusal));
                break;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Result = await query.OwedAsync(new Filter(StoreId, Method, Q?.Trim(), LateOnly, PageNumber), cancellationToken);
    }
}
