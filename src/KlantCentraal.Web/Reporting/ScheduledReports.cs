using System.Globalization;
using System.Net;
using System.Text;
using Cronos;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Reporting;

/// <summary>Configuration <c>Reports:*</c>: when the managers' reports go out, as cron expressions in the organisation's time zone.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The weekly digest per manager, about the week (Monday to Sunday) before: by default Monday 07:00.</summary>
    public string WeeklyDigest { get; set; } = "0 7 * * 1";

    /// <summary>The management review for central managers, about the quarter before: by default the first day of each quarter, 07:00.</summary>
    public string QuarterlyReview { get; set; } = "0 7 1 1,4,7,10 *";

    public bool WorkerEnabled { get; set; } = true;

    public static bool IsValid(string? cron) => cron is not null && CronExpression.TryParse(cron, out _);
}

public enum ReportKind
{
    WeeklyDigest,
    QuarterlyReview,
}

/// <summary>
/// One report owed to one manager for one period: created once (a unique index on kind, period and manager, so
/// several instances never make two) and sent like any letter in the outbox (a lease, retries).
/// </summary>
public sealed class ReportDispatch
{
    public int Id { get; set; }

    public ReportKind Kind { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string StaffUserId { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime AvailableAt { get; set; }

    public string? LeaseOwner { get; set; }

    public int Attempts { get; set; }

    public DateTime? SentAt { get; set; }
}

/// <summary>
/// The managers' reports by e-mail (issue 29): at each time the schedule names, the period before it is owed to every
/// active manager who did not opt out (the weekly digest about their own stores, the quarterly review to central
/// managers), then written and sent — HTML with a plain-text alternative and the figures as CSV.
/// </summary>
public sealed class ScheduledReports(
    AppDbContext db,
    WriteGate gate,
    DashboardQueries dashboard,
    PromiseReport promises,
    ManagementReview review,
    Payouts.OwedRefunds owedRefunds,
    Mailer mailer,
    Localization.Formats formats,
    Organisation.OrganisationCalendar calendar,
    Organisation.PublicLinks links,
    IStringLocalizer<SharedResource> t,
    IOptionsMonitor<ReportOptions> options,
    IOptionsMonitor<Settings.OrganisationOptions> organisation,
    TimeProvider time,
    ILogger<ScheduledReports> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>One round: owe what the schedules say is due, then send what is owed. Returns how many went out.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await OweAsync(ReportKind.WeeklyDigest, options.CurrentValue.WeeklyDigest, cancellationToken);
        await OweAsync(ReportKind.QuarterlyReview, options.CurrentValue.QuarterlyReview, cancellationToken);
        return await SendOwedAsync(cancellationToken);
    }

    /// <summary>The period a report made at <paramref name="day"/> is about: the week (Monday–Sunday) or the quarter before.</summary>
    public static (DateOnly From, DateOnly To) PeriodBefore(ReportKind kind, DateOnly day)
    {
        if (kind == ReportKind.WeeklyDigest)
        {
            var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            return (monday.AddDays(-7), monday.AddDays(-1));
        }

        var quarterStart = new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);
        return (quarterStart.AddMonths(-3), quarterStart.AddDays(-1));
    }

    private async Task OweAsync(ReportKind kind, string cron, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var zone = Organisation.OrganisationCalendar.ZoneOf(organisation.CurrentValue.TimeZone);
        // The latest time the schedule named in the last 100 days; its day decides the period.
        if (CronExpression.Parse(cron).GetOccurrences(now.AddDays(-100), now, zone, fromInclusive: true, toInclusive: true).LastOrDefault() is not { Year: > 1 } last)
        {
            return;
        }

        var (from, to) = PeriodBefore(kind, Organisation.OrganisationCalendar.DayOf(last, zone));
        var managers = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && !u.NoReportEmails && u.Email != null && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Manager)))
            .Where(u => kind == ReportKind.WeeklyDigest || u.AllStores)
            .Select(u => u.Id).ToListAsync(cancellationToken);
        var owed = await db.ReportDispatches.Where(d => d.Kind == kind && d.From == from).Select(d => d.StaffUserId).ToListAsync(cancellationToken);
        var missing = managers.Except(owed).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            db.ReportDispatches.AddRange(missing.Select(id => new ReportDispatch { Kind = kind, From = from, To = to, StaffUserId = id, CreatedAt = now, AvailableAt = now }));
            await gate.SaveAsync(db, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance owed them first (the unique index): each is sent once all the same.
            logger.LogInformation("{Kind} for {From} was owed by another instance", kind, from);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<int> SendOwedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.ReportDispatches.AsNoTracking().Where(d => d.SentAt == null && d.AvailableAt <= now && d.Attempts < 10).OrderBy(d => d.Id).Take(50).Select(d => d.Id).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var leaseUntil = now + Lease;
        await using (await gate.EnterAsync(db, cancellationToken))
        {
            await db.ReportDispatches.Where(d => due.Contains(d.Id) && d.SentAt == null && d.AvailableAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, Owner).SetProperty(d => d.AvailableAt, leaseUntil).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        }

        var sent = 0;
        foreach (var dispatch in await db.ReportDispatches.AsNoTracking().Where(d => due.Contains(d.Id) && d.LeaseOwner == Owner && d.AvailableAt == leaseUntil).ToListAsync(cancellationToken))
        {
            var ok = await SendAsync(dispatch, cancellationToken);
            var at = time.GetUtcNow().UtcDateTime;
            await using var turn = await gate.EnterAsync(db, cancellationToken);
            await db.ReportDispatches.Where(d => d.Id == dispatch.Id && d.LeaseOwner == Owner).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.SentAt, ok ? at : null)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.AvailableAt, at + TimeSpan.FromMinutes(5 * dispatch.Attempts)), cancellationToken);
            sent += ok ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> SendAsync(ReportDispatch dispatch, CancellationToken cancellationToken)
    {
        var manager = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == dispatch.StaffUserId, cancellationToken);
        if (manager?.Email is not { } email || !manager.IsActive || manager.NoReportEmails)
        {
            return true; // nobody to write to any more: nothing owed
        }

        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        try
        {
            var letter = dispatch.Kind == ReportKind.WeeklyDigest
                ? await WeeklyAsync(manager, email, dispatch, cancellationToken)
                : await QuarterlyAsync(manager, email, dispatch, cancellationToken);
            return await mailer.SendAsync(letter, cancellationToken);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private async Task<Letter> WeeklyAsync(StaffUser manager, string email, ReportDispatch dispatch, CancellationToken cancellationToken)
    {
        var storeIds = manager.AllStores ? null : await db.StoreMemberships.Where(m => m.StaffUserId == manager.Id).Select(m => m.StoreId).ToListAsync(cancellationToken);
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds == null || storeIds.Contains(s.Id)).Select(s => new { s.Id, s.Code, s.Name, s.MonthlyBudgetCents }).ToListAsync(cancellationToken);
        var f = await dashboard.ComputeAsync(dispatch.From, dispatch.To, storeIds, ParetoBy.Count, cancellationToken);
        var p = await promises.ComputeAsync(dispatch.From, dispatch.To, storeIds, stores.ToDictionary(s => s.Id, s => $"{s.Code} {s.Name}"), cancellationToken);
        var (start, end) = (calendar.StartOfDayUtc(dispatch.From), calendar.StartOfDayUtc(dispatch.To.AddDays(1)));
        var improved = await db.Investigations.AsNoTracking().Where(i => i.FixedAt >= start && i.FixedAt < end && i.ImprovementText != null)
            .Where(i => storeIds == null || i.Complaints.Any(c => c.StoreId != null && storeIds.Contains(c.StoreId.Value)))
            .OrderBy(i => i.FixedAt).Take(5).Select(i => i.Title + ": " + i.ImprovementText).ToListAsync(cancellationToken);
        var owed = await owedRefunds.TotalsAsync(storeIds, cancellationToken);
        var budget = stores.Sum(s => s.MonthlyBudgetCents ?? 0);
        var place = manager.AllStores ? t["Alle winkels"].Value : string.Join(", ", stores.Select(s => s.Code));
        var rows = new List<(string Label, string Value)>
        {
            (t["Klachten"], f.Complaints.ToString(CultureInfo.CurrentCulture)),
            (t["Opgelost bij eerste contact"], f.FirstContactPercent is { } fcr ? $"{fcr:0.#} %" : "–"),
            (t["Goodwill"], formats.Money(f.GoodwillCents) + (budget > 0 ? " " + t["(maandbudget {0})", formats.Money(budget)] : string.Empty)),
            (t["Tevredenheid (1–5)"], f.AverageSatisfaction is { } s ? $"{s:0.0#} ({f.Ratings})" : "–"),
            (t["Beloftes op tijd"], p.OnTimePercent is { } pct ? $"{pct:0.#} % ({p.Kept}/{p.Kept + p.Missed})" : "–"),
            (t["Nu te laat"], p.OverdueCount.ToString(CultureInfo.CurrentCulture)),
            (t["Terugbetalingen open (nu)"], owed.Count == 0 ? "0" : $"{owed.Count} · {formats.Money(owed.Cents)}" + (owed.Late > 0 ? " · " + t["{0} te laat", owed.Late] : string.Empty)),
        };
        rows.AddRange(f.Causes.Take(3).Select(c => (t["Oorzaak"].Value, $"{c.Label} ({c.Count})")));
        rows.AddRange(improved.Select(i => (t["Verbeterd"].Value, i)));
        var title = t["Weekoverzicht {0} t/m {1} ({2})", formats.Date(dispatch.From), formats.Date(dispatch.To), place];
        var csv = new SpreadsheetCsv();
        csv.Row(t["Kengetal"], t["Waarde"]);
        rows.ForEach(r => csv.Row(r.Label, r.Value));
        var link = new Uri(links.Base, $"Manager/Dashboard?from={dispatch.From:yyyy-MM-dd}&to={dispatch.To:yyyy-MM-dd}").AbsoluteUri;
        return Compose(manager, email, title, rows, link, new LetterAttachment($"weekoverzicht-{dispatch.From:yyyy-MM-dd}.csv", "text/csv", csv.ToBytes()));
    }

    private async Task<Letter> QuarterlyAsync(StaffUser manager, string email, ReportDispatch dispatch, CancellationToken cancellationToken)
    {
        var f = await review.ComputeAsync(dispatch.From, dispatch.To, storeIds: null, cancellationToken); // only central managers get the quarterly review
        var rows = new List<(string Label, string Value)>
        {
            (t["Klachten"], f.Complaints.ToString(CultureInfo.CurrentCulture)),
            (t["Beloftes op tijd"], f.Promises.OnTimePercent is { } pct ? $"{pct:0.#} %" : "–"),
            (t["Tevredenheid (1–5)"], f.AverageSatisfaction is { } s ? $"{s:0.0#} ({f.Ratings})" : "–"),
            (t["Onderzoeken geopend"], f.InvestigationsOpened.ToString(CultureInfo.CurrentCulture)),
            (t["Onderzoeken opgelost"], f.InvestigationsFixed.ToString(CultureInfo.CurrentCulture)),
            (t["Onderzoeken geverifieerd"], f.InvestigationsVerified.ToString(CultureInfo.CurrentCulture)),
            (t["Goodwill"], formats.Money(f.GoodwillCents)),
        };
        rows.AddRange(f.ByChannel.Select(c => (t["Kanaal"].Value, $"{c.Label}: {c.Count}")));
        var title = t["Managementreview {0} t/m {1}", formats.Date(dispatch.From), formats.Date(dispatch.To)];
        var link = new Uri(links.Base, $"Manager/Review?from={dispatch.From:yyyy-MM-dd}&to={dispatch.To:yyyy-MM-dd}").AbsoluteUri;
        return Compose(manager, email, title, rows, link, new LetterAttachment($"managementreview-{dispatch.From:yyyy-MM-dd}.csv", "text/csv", ManagementReview.Csv(f, t, formats)));
    }

    private Letter Compose(StaffUser manager, string email, string title, List<(string Label, string Value)> rows, string link, LetterAttachment csv)
    {
        var text = new StringBuilder().AppendLine(t["Hallo {0},", manager.FirstName]).AppendLine().AppendLine(title).AppendLine();
        rows.ForEach(r => text.AppendLine(CultureInfo.CurrentCulture, $"{r.Label}: {r.Value}"));
        text.AppendLine().AppendLine(t["Alles op een rij: {0}", link]).AppendLine().AppendLine(t["Liever geen overzichten per e-mail? Zet ze uit op het dashboard."]);
        var html = new StringBuilder($"<p>{WebUtility.HtmlEncode(t["Hallo {0},", manager.FirstName])}</p><h1 style=\"font-size:1.2em\">{WebUtility.HtmlEncode(title)}</h1><table>");
        rows.ForEach(r => html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:left;padding-right:1em\">{WebUtility.HtmlEncode(r.Label)}</th><td>{WebUtility.HtmlEncode(r.Value)}</td></tr>"));
        html.Append(CultureInfo.InvariantCulture, $"</table><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(t["Alles op een rij"])}</a></p><p>{WebUtility.HtmlEncode(t["Liever geen overzichten per e-mail? Zet ze uit op het dashboard."])}</p>");
        return new Letter(email, manager.FirstName, title, text.ToString()) { HtmlBody = html.ToString(), Attachments = [csv] };
    }
}
