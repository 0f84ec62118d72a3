using System.Text.Json;
using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Stores;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// What complaints cost and where they come from, for a period and the manager's stores: the figures come from
/// <see cref="DashboardQueries"/>; this page binds the filters, checks the store and writes the tables as CSV.
/// </summary>
public sealed class DashboardModel(DashboardQueries queries, PromiseReport promises, Localization.Formats formats, Organisation.OrganisationCalendar calendar, StoreAccess stores, IStringLocalizer<SharedResource> t) : PageModel
{
    private IReadOnlyList<int>? _storeIds;
    private DateOnly? _from;
    private DateOnly? _to;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get => _from; set => _from = FilterDates.Clamp(value); }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get => _to; set => _to = FilterDates.Clamp(value); }

    /// <summary>Pareto by number of complaints (default) or by goodwill cost (<c>by=cost</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public ParetoBy By { get; set; }

    public DashboardFigures? Result { get; private set; }

    /// <summary>Promises kept per store and regime in the period, and the ones overdue now (issue 28).</summary>
    public PromiseFigures? Promises { get; private set; }

    /// <summary>Empty: the manager's own stores (every store for central managers); "all"; or one of their stores' code.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    public StoreAccess.Snapshot Access { get; private set; } = new(true, [], null);

    /// <summary>True when the figures are limited to some stores (investigations stay chain-wide).</summary>
    public bool Scoped => _storeIds is not null;

    public bool ByCost => By == ParetoBy.Cost;

    /// <summary>The names of the stores the filter offers, as the promises' tables name them.</summary>
    private Dictionary<int, string> KnownStores => Access.Stores.ToDictionary(s => s.Id, s => $"{s.Code} {s.Name}");

    /// <summary>Whether this manager gets the weekly (and, centrally, quarterly) reports by e-mail.</summary>
    public bool ReportEmails { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    /// <summary>The manager turns the reports by e-mail off or on again (issue 29).</summary>
    public async Task<IActionResult> OnPostReportEmailsAsync(bool receive, [FromServices] Microsoft.AspNetCore.Identity.UserManager<Identity.StaffUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (await users.GetUserAsync(User) is not { } me)
        {
            return Forbid();
        }

        me.NoReportEmails = !receive;
        await users.UpdateAsync(me);
        Saved = receive ? t["U krijgt de overzichten weer per e-mail."] : t["U krijgt geen overzichten meer per e-mail."];
        return RedirectToPage();
    }

    /// <summary>Refunds owed to customers in the dashboard's stores, and how many are late (issue 43): finance pays them.</summary>
    public Payouts.OwedTotals? Owed { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromServices] Microsoft.AspNetCore.Identity.UserManager<Identity.StaffUser> users, [FromServices] Payouts.OwedRefunds owedRefunds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(owedRefunds);
        ReportEmails = await users.GetUserAsync(User) is { NoReportEmails: false };
        if (!await ScopeAsync(cancellationToken))
        {
            return Forbid();
        }

        Result = await ComputeAsync(cancellationToken);
        Promises = await promises.ComputeAsync(Result.From, Result.To, _storeIds, KnownStores, cancellationToken);
        Owed = await owedRefunds.TotalsAsync(_storeIds, cancellationToken);
        return Page();
    }

    /// <summary>The store filter, checked against the manager's own stores: false for a store that is not theirs.</summary>
    private async Task<bool> ScopeAsync(CancellationToken cancellationToken)
    {
        Access = await stores.GetAsync(cancellationToken);
        var scope = Access.ReportScope(Store);
        _storeIds = scope.Ids;
        return scope.Allowed;
    }

    /// <summary>Every table of the dashboard as CSV (semicolon-separated, UTF-8), as Dutch spreadsheets expect.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken cancellationToken)
    {
        if (!await ScopeAsync(cancellationToken))
        {
            return Forbid();
        }

        if (table is "promises" or "overdue")
        {
            return await PromisesCsvAsync(table, cancellationToken);
        }

        var f = await ComputeAsync(cancellationToken);
        var csv = new SpreadsheetCsv();
        void Row(params object?[] cells) => csv.Row(cells);
        switch (table)
        {
            case "summary":
                Row(t["Kengetal"], t["Waarde"]);
                Row(t["Klachten"], f.Complaints);
                Row(t["Opgelost bij eerste contact (%)"], f.FirstContactPercent);
                Row(t["Goodwill (euro)"], Domain.Money.EurosOf(f.GoodwillCents));
                Row(t["Gemiddelde tevredenheid (1-5)"], f.AverageSatisfaction);
                Row(t["Aantal beoordelingen"], f.Ratings);
                Row(t["Mediaan tot oplossing (minuten)"], f.MedianMinutesToResolve);
                Row(t["Lopende onderzoeken"], f.OpenInvestigations);
                Row(t["Te late onderzoeken"], f.OverdueInvestigations);
                Row(t["Klanten met herhaalklachten"], f.RepeatCustomers);
                Row(t["Producten met herhaalklachten"], f.RepeatProducts);
                Row(t["Klachten die op een oorzaak wachten"], f.WaitingForCause);
                break;
            case "weeks":
                Row(t["Week"], t["Klachten"], t["Goodwill (euro)"]);
                foreach (var w in f.Weeks)
                {
                    Row(w.Label, w.Count, Domain.Money.EurosOf(w.GoodwillCents));
                }

                break;
            case "causes":
            case "products":
                Row(table == "causes" ? t["Oorzaakcategorie"] : t["Product"], t["Klachten"], t["Goodwill (euro)"], t["Cumulatief (%)"]);
                foreach (var p in table == "causes" ? f.Causes : f.Products)
                {
                    Row(p.Label, p.Count, Domain.Money.EurosOf(p.GoodwillCents), p.CumulativePercent);
                }

                break;
            default:
                return NotFound();
        }

        return File(csv.ToBytes(), "text/csv; charset=utf-8", $"klantcentraal-{table}-{f.From:yyyy-MM-dd}-{f.To:yyyy-MM-dd}.csv");
    }

    /// <summary>The promises' tables (issue 28), without computing the rest of the dashboard.</summary>
    private async Task<IActionResult> PromisesCsvAsync(string table, CancellationToken cancellationToken)
    {
        var (from, to) = ReportPeriod.Of(From, To, calendar.Today());
        var csv = new SpreadsheetCsv();
        void Row(params object?[] cells) => csv.Row(cells);
        switch (table)
        {
            case "promises":
                Row(t["Winkel"], t["Regel"], t["Op tijd"], t["Te laat"], t["Op tijd (%)"]);
                foreach (var p in (await promises.ComputeAsync(from, to, _storeIds, KnownStores, cancellationToken)).Rows)
                {
                    Row(p.Store, formats.Label(p.Regime), p.Kept, p.Missed, p.OnTimePercent);
                }

                break;
            case "overdue":
                Row(t["Volgcode"], t["Winkel"], t["Regel"], t["Beloofd vóór"], t["Product"]);
                foreach (var o in (await promises.ComputeAsync(from, to, _storeIds, KnownStores, cancellationToken, PromiseReport.OverdueInCsv)).Overdue)
                {
                    Row(o.TrackingCode.Display, o.Store, formats.Label(o.Regime), o.RespondBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), o.ProductName);
                }

                break;
        }

        return File(csv.ToBytes(), "text/csv; charset=utf-8", $"klantcentraal-{table}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }

    public string ChartJson()
    {
        var f = Result!;
        return JsonSerializer.Serialize(new
        {
            weeks = new { labels = f.Weeks.Select(w => w.Label), counts = f.Weeks.Select(w => w.Count), label = t["Klachten per week"].Value },
            causes = Pareto(f.Causes),
            products = Pareto(f.Products),
            valueLabel = ByCost ? t["Goodwill (euro)"].Value : t["Klachten"].Value,
            cumulativeLabel = t["Cumulatief (%)"].Value,
        });

        object Pareto(IReadOnlyList<ParetoRow> rows) => new
        {
            labels = rows.Select(r => r.Label),
            values = rows.Select(r => ByCost ? Domain.Money.EurosOf(r.GoodwillCents) : r.Count),
            cumulative = rows.Select(r => r.CumulativePercent),
        };
    }


    private Task<DashboardFigures> ComputeAsync(CancellationToken cancellationToken)
    {
        (From, To) = ReportPeriod.Of(From, To, calendar.Today());
        return queries.ComputeAsync(From.Value, To.Value, _storeIds, By, cancellationToken);
    }
}
