using KlantCentraal.Web.Data;
using KlantCentraal.Web.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// Sluitingsdagen (issue 28): the coming year's closed days of the organisation or one store — public holidays of
/// its country and the closing days an administrator adds by hand or from an iCalendar file — and the link to its
/// .ics feed. Every promised date counts them (<see cref="Deadlines"/>).
/// </summary>
[RequestSizeLimit(2 * 1024 * 1024)]
public sealed class ClosingDaysModel(AppDbContext db, Deadlines deadlines, Localization.Formats formats, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The store whose days are shown and changed (by code); empty: the organisation's desk and every store.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<Deadlines.ClosedDay> Days { get; private set; } = [];

    public IReadOnlyList<Domain.Store> Stores { get; private set; } = [];

    public Domain.Store? Chosen { get; private set; }

    public DateOnly Today => deadlines.Today;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Date is not { } date)
        {
            ModelState.AddModelError(nameof(Date), t["Vul een datum in, zoals 24-12-2027."]);
        }
        else if (date < Today)
        {
            ModelState.AddModelError(nameof(Date), t["Kies vandaag of een dag in de toekomst."]);
        }

        var reason = Reason?.Trim() ?? string.Empty;
        if (reason.Length is 0 or > ClosingDay.ReasonMaxLength)
        {
            ModelState.AddModelError(nameof(Reason), t["Geef een reden van 1 tot {0} tekens, zoals \"Inventaris\".", ClosingDay.ReasonMaxLength]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var added = await deadlines.AddClosingDaysAsync([(Date!.Value, reason)], Chosen, cancellationToken);
        Saved = added == 1
            ? t["{0} is een sluitingsdag: beloofde datums tellen hem niet meer mee.", formats.Date(Date.Value)]
            : t["{0} was al een sluitingsdag.", formats.Date(Date.Value)];
        return RedirectToPage(new { store = Store });
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        string text;
        if (upload is null || upload.Length == 0)
        {
            text = string.Empty;
        }
        else if (upload.Length > ClosingDaysFile.MaxBytes)
        {
            text = new string(' ', ClosingDaysFile.MaxBytes + 1);
        }
        else
        {
            using var reader = new StreamReader(upload.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        var read = ClosingDaysFile.Read(text, Today);
        if (read.Problem != CalendarFileProblem.None)
        {
            ModelState.AddModelError("Upload", Problem(read) + " " + t["Er is niets opgeslagen."]);
            return Page();
        }

        var added = await deadlines.AddClosingDaysAsync(read.Days, Chosen, cancellationToken);
        Saved = t["{0} sluitingsdag(en) ingelezen; {1} stonden er al.", added, read.Days.Count - added];
        return RedirectToPage(new { store = Store });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        Saved = await deadlines.RemoveClosingDayAsync(id, cancellationToken) ? t["De sluitingsdag is verwijderd."] : t["Die sluitingsdag was al verwijderd."];
        return RedirectToPage(new { store = Store });
    }

    private string Problem(CalendarFileRead read) => read.Problem switch
    {
        CalendarFileProblem.Empty => t["Kies een iCalendar-bestand (.ics) met de sluitingsdagen."],
        CalendarFileProblem.TooLarge => t["Het bestand is groter dan {0} kB.", ClosingDaysFile.MaxBytes / 1024],
        CalendarFileProblem.NoDays => t["Het bestand bevat geen afspraken."],
        CalendarFileProblem.Repeating => t["\"{0}\" herhaalt zich; zet elke dag apart in het bestand.", read.Detail ?? string.Empty],
        CalendarFileProblem.TooLong => t["\"{0}\" duurt langer dan {1} dagen.", read.Detail ?? string.Empty, ClosingDaysFile.MaxDaysPerEvent],
        CalendarFileProblem.TooMany => t["Het bestand sluit meer dan {0} dagen.", ClosingDaysFile.MaxDays],
        CalendarFileProblem.OutOfRange => t["\"{0}\" ligt meer dan een jaar terug of meer dan drie jaar vooruit.", read.Detail ?? string.Empty],
        _ => t["Dit is geen iCalendar-bestand dat we kunnen lezen. Exporteer de agenda opnieuw als .ics."],
    };

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Stores = await db.Stores.AsNoTracking().Where(s => s.ClosedAt == null).OrderBy(s => s.City).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(Store))
        {
            var code = Domain.Store.NormaliseCode(Store);
            Chosen = Stores.FirstOrDefault(s => s.Code == code);
            if (Chosen is null)
            {
                return false;
            }
        }

        Days = await deadlines.ComingYearAsync(Chosen, cancellationToken);
        return true;
    }
}
