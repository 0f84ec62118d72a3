using KlantCentraal.Web.Forms;
using KlantCentraal.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// The management review (ISO 10002; issue 29) for a period, by default the quarter before this one: printable, and
/// as CSV. The quarterly e-mail links here.
/// </summary>
public sealed class ReviewModel(ManagementReview review, Localization.Formats formats, Organisation.OrganisationCalendar calendar, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public ReviewFigures? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await review.ComputeAsync(Period().From, Period().To, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (from, to) = Period();
        return File(ManagementReview.Csv(await review.ComputeAsync(from, to, cancellationToken), t, formats), "text/csv; charset=utf-8", $"klantcentraal-managementreview-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }

    private (DateOnly From, DateOnly To) Period()
    {
        var (from, to) = ScheduledReports.PeriodBefore(ReportKind.QuarterlyReview, calendar.Today());
        (from, to) = (FilterDates.Clamp(From) ?? from, FilterDates.Clamp(To) ?? to);
        return to < from ? (to, from) : (from, to);
    }
}
