using KlantCentraal.Web.Forms;
using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// The management review (ISO 10002; issue 29) for a period, by default the quarter before this one, and for the
/// manager's stores (the report rule, <see cref="StoreAccess.Snapshot.ReportScope"/>): printable, and as CSV. The quarterly
/// e-mail links here.
/// </summary>
public sealed class ReviewModel(ManagementReview review, StoreAccess stores, Localization.Formats formats, Organisation.OrganisationCalendar calendar, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Empty: the manager's own stores (every store for central managers); "all" (central only); or one of their stores' code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(true, [], null);

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public ReviewFigures? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await ComputeAsync(cancellationToken);
        return Result is null ? Forbid() : Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (from, to) = Period();
        return await ComputeAsync(cancellationToken) is { } figures
            ? File(ManagementReview.Csv(figures, t, formats), "text/csv; charset=utf-8", $"klantcentraal-managementreview-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv")
            : Forbid();
    }

    /// <summary>The figures for the period and the store filter; null for a store that is not the manager's.</summary>
    private async Task<ReviewFigures?> ComputeAsync(CancellationToken cancellationToken)
    {
        Access = await stores.GetAsync(cancellationToken);
        var scope = Access.ReportScope(Store);
        return scope.Allowed ? await review.ComputeAsync(Period().From, Period().To, scope.Ids, cancellationToken) : null;
    }

    private (DateOnly From, DateOnly To) Period()
    {
        var (from, to) = ScheduledReports.PeriodBefore(ReportKind.QuarterlyReview, calendar.Today());
        (from, to) = (FilterDates.Clamp(From) ?? from, FilterDates.Clamp(To) ?? to);
        return to < from ? (to, from) : (from, to);
    }
}
