using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// The stores compared for a period: complaints, first-contact resolution, goodwill, this month's budget used,
/// satisfaction, median minutes to resolve and the most mentioned product; sortable, as CSV, and the budget
/// burn-down of the stores whose budgets are most used. Limited to the manager's own stores unless they choose all.
/// </summary>
public sealed class StoresModel(IServiceScopeFactory scopes, StoreAccess stores, Organisation.OrganisationCalendar calendar, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The burn-down chart shows the stores whose budgets are most used, at most this many.</summary>
    public const int BurnDownStores = 8;

    private DateOnly? _from;
    private DateOnly? _to;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get => _from; set => _from = FilterDates.Clamp(value); }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get => _to; set => _to = FilterDates.Clamp(value); }

    /// <summary>Empty: the manager's own stores (every store for central managers); "all"; or one of their stores' code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    /// <summary>code, complaints, fcr, goodwill, budget, satisfaction, median or product; a leading '-' sorts descending.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(true, [], null);

    public IReadOnlyList<StoreFigures> Rows { get; private set; } = [];

    public IReadOnlyList<BurnDown> BurnDowns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReportAsync(cancellationToken) is not { } report)
        {
            return Forbid();
        }

        (Rows, BurnDowns) = (Sorted(report.Rows), report.BurnDowns);
        return Page();
    }

    /// <summary>The table as CSV, with the page's period, store filter and sort.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await ReportAsync(cancellationToken) is not { } report)
        {
            return Forbid();
        }

        var rows = Sorted(report.Rows);
        var csv = new SpreadsheetCsv();
        csv.Row(t["Code"], t["Winkel"], t["Klachten"], t["Opgelost bij eerste contact (%)"], t["Goodwill (euro)"], t["Budget deze maand (euro)"], t["Budget gebruikt (%)"], t["Gemiddelde tevredenheid (1-5)"], t["Mediaan tot oplossing (minuten)"], t["Meest genoemd product"]);
        foreach (var r in rows)
        {
            csv.Row(r.Code, r.Name, r.Complaints, r.FirstContactPercent, Domain.Money.EurosOf(r.GoodwillCents), r.BudgetCents is { } b ? Domain.Money.EurosOf(b) : null, r.BudgetUsedPercent, r.AverageSatisfaction, r.MedianMinutesToResolve, r.TopProduct);
        }

        return File(csv.ToBytes(), "text/csv; charset=utf-8", $"klantcentraal-winkels-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
    }

    /// <summary>The sort a column header links to: ascending first, descending when already ascending.</summary>
    public string SortFor(string column) => Sort == column ? "-" + column : column;

    public string? AriaSort(string column) => Sort == column ? "ascending" : Sort == "-" + column ? "descending" : null;

    /// <summary>The filters as route values, with another sort: for the column headers and the CSV link.</summary>
    public Dictionary<string, string> With(string? sort)
    {
        var values = new Dictionary<string, string> { ["from"] = $"{From:yyyy-MM-dd}", ["to"] = $"{To:yyyy-MM-dd}" };
        if (!string.IsNullOrEmpty(Store))
        {
            values["store"] = Store;
        }

        if (!string.IsNullOrEmpty(sort))
        {
            values["sort"] = sort;
        }

        return values;
    }

    /// <summary>The comparison for the filters, or null for a store that is not the manager's.</summary>
    private async Task<StoreReport?> ReportAsync(CancellationToken cancellationToken)
    {
        Access = await stores.GetAsync(cancellationToken);
        var scope = Access.ReportScope(Store);
        if (!scope.Allowed)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        (From, To) = ReportPeriod.Of(From, To, calendar.Today(now));
        return await StoreComparison.ComputeAsync(
            scopes, calendar.StartOfDayUtc(From!.Value), calendar.StartOfDayUtc(To!.Value.AddDays(1)), calendar.StartOfMonthUtc(now), scope.Ids, calendar.Today(now), calendar.Today, BurnDownStores, cancellationToken);
    }

    private List<StoreFigures> Sorted(IReadOnlyList<StoreFigures> rows)
    {
        var key = Sort?.TrimStart('-');
        var descending = Sort?.StartsWith('-') ?? false;
        var ordered = key switch
        {
            "complaints" => Order(r => r.Complaints),
            "fcr" => Order(r => r.FirstContactPercent ?? -1),
            "goodwill" => Order(r => r.GoodwillCents),
            "budget" => Order(r => r.BudgetUsedPercent ?? -1),
            "satisfaction" => Order(r => r.AverageSatisfaction ?? -1),
            "median" => Order(r => r.MedianMinutesToResolve ?? double.MaxValue),
            "product" => descending ? rows.OrderByDescending(r => r.TopProduct, StringComparer.CurrentCulture) : rows.OrderBy(r => r.TopProduct, StringComparer.CurrentCulture),
            _ => descending ? rows.OrderByDescending(r => r.Code, StringComparer.Ordinal) : rows.OrderBy(r => r.Code, StringComparer.Ordinal),
        };
        return ordered.ThenBy(r => r.Code, StringComparer.Ordinal).ToList();

        IOrderedEnumerable<StoreFigures> Order<T>(Func<StoreFigures, T> by) => descending ? rows.OrderByDescending(by) : rows.OrderBy(by);
    }
}
