using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// One store: create or edit it (opening hours per weekday, its own co-sign limit and monthly budget), and close
/// it — asking what happens to its open complaints — or reopen it. A closed store keeps its history.
/// </summary>
public sealed class StoreModel(AppDbContext db, StoreDirectory directory, CurrentStaff currentStaff, Formats formats, IStringLocalizer<SharedResource> t) : PageModel
{
    public Store? Existing { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where the open complaints go when the store closes: a store id, or empty to keep them here.</summary>
    [BindProperty]
    public int? MoveTo { get; set; }

    public int OpenComplaints { get; private set; }

    public IReadOnlyList<StoreChoice> OtherStores { get; private set; } = [];

    public IReadOnlyList<string> Staff { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is { } store)
        {
            Input = InputModel.From(store);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        var details = Input.ToDetails(ModelState, t);
        if (details is not null)
        {
            var saved = await directory.SaveAsync(id, details, cancellationToken);
            foreach (var problem in saved.StoreProblems)
            {
                ModelState.AddModelError($"{nameof(Input)}.{InputModel.FieldOf(problem)}", formats.Label(problem));
            }

            switch (saved.Kind)
            {
                case OutcomeKind.Conflict:
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Code)}", t["Er is al een winkel met code {0}. Kies een andere code of bewerk die winkel.", Store.NormaliseCode(Input.Code)]);
                    break;
                case OutcomeKind.NotFound:
                    return NotFound();
                case OutcomeKind.Done:
                    Saved = t["Winkel {0} is opgeslagen.", Store.NormaliseCode(Input.Code)];
                    return RedirectToPage(new { id = saved.Id });
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (MoveTo is { } to && OtherStores.All(s => s.Id != to))
        {
            ModelState.AddModelError(nameof(MoveTo), t["Kies een open winkel om de klachten naartoe te verplaatsen."]);
            Input = InputModel.From(Existing!);
            return Page();
        }

        var me = await currentStaff.GetAsync();
        if (!(await directory.CloseAsync(id, MoveTo, me, cancellationToken)).IsDone)
        {
            return NotFound();
        }

        Saved = MoveTo is null || OpenComplaints == 0
            ? t["Winkel {0} is gesloten. Zijn klachten en cijfers blijven bewaard.", Existing!.Code]
            : t["Winkel {0} is gesloten; {1} open klacht(en) zijn verplaatst naar {2}.", Existing!.Code, OpenComplaints, OtherStores.Single(s => s.Id == MoveTo).Label];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if ((await directory.ReopenAsync(id, cancellationToken)).Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        Saved = t["Winkel {0} is weer open.", Existing!.Code];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Existing = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Existing is null)
        {
            return false;
        }

        OpenComplaints = await directory.OpenComplaintsAsync(id, cancellationToken);
        OtherStores = await db.Stores.AsNoTracking().Where(s => s.Id != id && s.ClosedAt == null).OrderBy(s => s.Name)
            .Select(s => new StoreChoice(s.Id, s.Code, s.Name, s.City)).ToListAsync(cancellationToken);
        Staff = await db.StoreMemberships.Where(m => m.StoreId == id)
            .Join(db.Users, m => m.StaffUserId, u => u.Id, (m, u) => u.FirstName + " (" + u.Email + ")")
            .OrderBy(n => n).ToListAsync(cancellationToken);
        return true;
    }

    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? City { get; set; }

        public string? Address { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? CoSignLimit { get; set; }

        public string? MonthlyBudget { get; set; }

        /// <summary>Monday to Sunday, "09:00-18:00" or empty for closed.</summary>
        public string?[] Hours { get; set; } = new string?[7];

        /// <summary>Whose public holidays the store keeps.</summary>
        public Country Country { get; set; } = Country.Netherlands;

        public static InputModel From(Store store) => new()
        {
            Code = store.Code,
            Name = store.Name,
            City = store.City,
            Address = store.Address,
            Phone = store.Phone,
            Email = store.Email,
            CoSignLimit = store.CoSignLimit?.Euros.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture),
            MonthlyBudget = store.MonthlyBudget?.Euros.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture),
            Hours = [.. OpeningHours.Week.Select(d => store.OpeningHours[d] is { } h ? OpeningHours.Day(h) : null)],
            Country = store.Country,
        };

        public static string FieldOf(StoreProblem problem) => problem switch
        {
            StoreProblem.CodeInvalid => nameof(Code),
            StoreProblem.NameMissing or StoreProblem.NameTooLong => nameof(Name),
            StoreProblem.CityMissing or StoreProblem.CityTooLong => nameof(City),
            StoreProblem.AddressTooLong => nameof(Address),
            StoreProblem.PhoneTooLong => nameof(Phone),
            StoreProblem.EmailInvalid => nameof(Email),
            StoreProblem.CoSignLimitInvalid => nameof(CoSignLimit),
            _ => nameof(MonthlyBudget),
        };

        /// <summary>The details typed, or null with the errors of what cannot even be read (hours, amounts).</summary>
        public StoreDetails? ToDetails(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IStringLocalizer<SharedResource> t)
        {
            var days = new DayHours?[7];
            for (var d = 0; d < 7; d++)
            {
                if (!OpeningHours.TryParseDay(Hours.ElementAtOrDefault(d), out days[d]))
                {
                    modelState.AddModelError($"{nameof(Input)}.{nameof(Hours)}[{d}]", t["{0}: schrijf de openingstijd als 09:00-18:00, of laat het leeg als de winkel dan dicht is.", Formats.DayName(OpeningHours.Week[d])]);
                }
            }

            Money? Amount(string? text, string field)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (Money.TryParse(text, out var money))
                {
                    return money;
                }

                modelState.AddModelError($"{nameof(Input)}.{field}", t["Vul een bedrag in euro's in, zoals 2.500,00, of laat het leeg."]);
                return null;
            }

            var limit = Amount(CoSignLimit, nameof(CoSignLimit));
            var budget = Amount(MonthlyBudget, nameof(MonthlyBudget));
            return modelState.IsValid
                ? new StoreDetails(Code ?? string.Empty, Name ?? string.Empty, City ?? string.Empty, Address, Phone, Email, OpeningHours.From(days), limit, budget, Country)
                : null;
        }
    }
}
