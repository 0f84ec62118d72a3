using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Manager;

/// <summary>
/// One investigation: its complaints, the 5 whys, cause and actions, and the steps Open → In progress →
/// Fixed → Verified, or Closed without cause; regrouping (move, merge, split). Each step is its own small
/// form (a named handler) guarded by the investigation's version, so two managers never overwrite each other.
/// </summary>
public sealed class InvestigationModel(
    InvestigationModel.Query query,
    InvestigationSteps steps,
    Formats formats,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>
    /// What the investigation's page reads (issue 42, Contoso's Query): the investigation with its complaints and their
    /// stores, where its complaints may go, the managers to assign, and who is taking the step.
    /// </summary>
    public sealed class Query(AppDbContext db, UserManager<StaffUser> users, CurrentStaff staff, Organisation.OrganisationCalendar calendar, PublicLinks links)
    {
        public DateOnly Today => calendar.Today();

        public Task<StaffMember> StaffAsync() => staff.GetAsync();

        /// <summary>How the customers' letters are written: the status page's address, in the screen's language.</summary>
        public Mail.LetterContext Letter() => links.Letter();

        public async Task<string?> FirstNameAsync(string? userId) =>
            string.IsNullOrEmpty(userId) ? null : (await users.FindByIdAsync(userId))?.FirstName;

        public Task<RootCauseInvestigation?> SavedAsync(int id, CancellationToken cancellationToken) =>
            db.Investigations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

        public async Task<string> TitleAsync(int? id, CancellationToken cancellationToken) =>
            await db.Investigations.AsNoTracking().Where(i => i.Id == id).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;

        public async Task<Shown?> InvestigationAsync(int id, CancellationToken cancellationToken)
        {
            var investigation = await db.Investigations.Include(i => i.Complaints).ThenInclude(c => c.Customer).AsSplitQuery().AsNoTracking()
                .FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (investigation is null)
            {
                return null;
            }

            var storeIds = investigation.Complaints.Where(c => c.StoreId is not null).Select(c => c.StoreId!.Value).Distinct().ToList();
            var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var productKey = investigation.ProductKey;
            var targets = (await db.Investigations.AsNoTracking()
                .Where(i => i.Id != id && (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress))
                .OrderByDescending(i => i.ProductKey == productKey).ThenByDescending(i => i.OpenedAt)
                .Take(50)
                .Select(i => new { i.Id, i.Title })
                .ToListAsync(cancellationToken)).Select(i => (i.Id, i.Title)).ToList();
            var managers = (await users.GetUsersInRoleAsync(Roles.Manager)).Where(u => u.IsActive).OrderBy(u => u.FirstName).ToList();
            return new Shown(investigation, stores, targets, managers);
        }
    }

    public sealed record Shown(RootCauseInvestigation Investigation, IReadOnlyDictionary<int, Store> Stores, IReadOnlyList<(int Id, string Title)> Targets, IReadOnlyList<StaffUser> Managers);

    public RootCauseInvestigation? Investigation { get; private set; }

    public IReadOnlyList<(int Id, string Title)> Targets { get; private set; } = [];

    /// <summary>Cause category, cause and corrective action are saved: only then can it be set to fixed.</summary>
    public bool AnalysisComplete => Investigation is { IsAnalysed: true };

    /// <summary>The step the investigation is at: 0 analyse, 1 maatregel, 2 klant informeren, 3 effect controleren, 4 done.</summary>
    public int Step => Investigation switch
    {
        { Status: InvestigationStatus.Verified } => 4,
        { Status: InvestigationStatus.Fixed } => 3,
        { CauseCategory: not null, CauseStatement: not null, CorrectiveAction: not null } => 2,
        { CauseStatement: not null } or { CauseCategory: not null } => 1,
        _ => 0,
    };

    /// <summary>The Ishikawa diagram of the causes entered (SVG), or null before anything is entered.</summary>
    public string? Fishbone(Localization.Formats formats, string title)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var i = Investigation!;
        if (i.CauseCategory is null && i.Whys.Count == 0)
        {
            return null;
        }

        var bones = Investigations.FishboneDiagram.Bones
            .Select(category => (formats.Label(category), category == i.CauseCategory
                ? (IReadOnlyList<string>)[.. new[] { i.CauseStatement }.OfType<string>(), .. i.Whys]
                : []))
            .ToList();
        return Investigations.FishboneDiagram.Svg(i.Title, bones, title);
    }

    /// <summary>The stores of the investigation's complaints, by id: one defect, many stores, one investigation.</summary>
    public IReadOnlyDictionary<int, Store> Stores { get; private set; } = new Dictionary<int, Store>();

    public IReadOnlyList<StaffUser> Managers { get; private set; } = [];

    public DateOnly Today => query.Today;

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public AnalysisInput Analysis { get; set; } = new();

    [BindProperty]
    public FixedInput Fixed { get; set; } = new();

    [BindProperty]
    public string? CloseReason { get; set; }

    [BindProperty]
    public string? AssignTo { get; set; }

    [BindProperty]
    public int? TargetId { get; set; }

    [BindProperty]
    public int? ComplaintId { get; set; }

    [BindProperty]
    public List<int> SplitIds { get; set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Analysis = AnalysisInput.From(Investigation!);
        Fixed = new FixedInput { EffectivenessCheckDate = Today.AddDays(30) };
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(await steps.StartAsync(await StepAsync(id), cancellationToken), t["U behandelt dit onderzoek nu."], cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await steps.AssignAsync(await StepAsync(id), AssignTo, cancellationToken);
        var name = outcome.IsDone ? await query.FirstNameAsync(AssignTo) : null;
        return await ShowAsync(outcome, t["Het onderzoek is toegewezen aan {0}.", name ?? string.Empty], cancellationToken, (DomainError.OwnerMustBeManager, nameof(AssignTo)));
    }

    public async Task<IActionResult> OnPostAnalysisAsync(int id, [FromServices] IValidator<AnalysisInput> analysisValidator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysisValidator);
        var validation = await analysisValidator.ValidateAsync(Analysis, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddTo(this, nameof(Analysis));
            return await RedisplayAsync(id, cancellationToken);
        }

        // A field the posted form did not carry keeps what is saved: a save never blanks what it did not show.
        if (await query.SavedAsync(id, cancellationToken) is { } saved)
        {
            Analysis = Analysis.Over(AnalysisInput.From(saved), Request.Form.Keys);
        }

        return await ShowAsync(await steps.RecordAnalysisAsync(await StepAsync(id), Analysis.ToAnalysis(), cancellationToken), t["De analyse is opgeslagen."], cancellationToken);
    }

    public async Task<IActionResult> OnPostFixedAsync(int id, [FromServices] IValidator<FixedInput> fixedValidator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixedValidator);
        var validation = await fixedValidator.ValidateAsync(Fixed, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddTo(this, nameof(Fixed));
            return await RedisplayAsync(id, cancellationToken);
        }

        var outcome = await steps.MarkFixedAsync(await StepAsync(id), Fixed.ImprovementText, Fixed.EffectivenessCheckDate!.Value, query.Letter(), cancellationToken);
        var done = outcome switch
        {
            { Letters: 0 } => t["Opgelost. De klanten zien nu wat er verbeterd is."],
            _ => t["Opgelost. De klanten zien nu wat er verbeterd is; {0} klant(en) krijgen bericht per e-mail.", outcome.Letters],
        };
        return await ShowAsync(
            outcome,
            done,
            cancellationToken,
            (DomainError.AnalysisIncomplete, $"{nameof(Fixed)}.{nameof(FixedInput.ImprovementText)}"),
            (DomainError.ImprovementTextMissing, $"{nameof(Fixed)}.{nameof(FixedInput.ImprovementText)}"),
            (DomainError.TextTooLong, $"{nameof(Fixed)}.{nameof(FixedInput.ImprovementText)}"),
            (DomainError.EffectivenessCheckInPast, $"{nameof(Fixed)}.{nameof(FixedInput.EffectivenessCheckDate)}"));
    }

    public async Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(await steps.VerifyAsync(await StepAsync(id), cancellationToken), t["De verbetering is als effectief geverifieerd."], cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(
            await steps.CloseWithoutCauseAsync(await StepAsync(id), CloseReason, cancellationToken),
            t["Het onderzoek is gesloten zonder oorzaak."],
            cancellationToken,
            (DomainError.CloseReasonMissing, nameof(CloseReason)),
            (DomainError.TextTooLong, nameof(CloseReason)));

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await steps.MoveComplaintAsync(await StepAsync(id), ComplaintId, TargetId, cancellationToken);
        return await ShowAsync(outcome, t["De klacht is verplaatst naar {0}.", await query.TitleAsync(TargetId, cancellationToken)], cancellationToken, (DomainError.TargetNotActive, nameof(TargetId)));
    }

    public async Task<IActionResult> OnPostMergeAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await steps.MergeAsync(await StepAsync(id), TargetId, cancellationToken);
        return await ShowAsync(outcome, t["Samengevoegd met {0}.", await query.TitleAsync(TargetId, cancellationToken)], cancellationToken, (DomainError.TargetNotActive, nameof(TargetId)));
    }

    public async Task<IActionResult> OnPostSplitAsync(int id, CancellationToken cancellationToken) =>
        await ShowAsync(await steps.SplitAsync(await StepAsync(id), SplitIds, cancellationToken), t["De gekozen klachten staan nu in een eigen onderzoek."], cancellationToken);

    private async Task<InvestigationStep> StepAsync(int id) => new(id, Version, await query.StaffAsync());

    /// <summary>
    /// Done: back to the investigation the step leads to, with <paramref name="done"/>. Otherwise the page again, with
    /// the reason at the field it concerns (<paramref name="fields"/>) or above the form.
    /// </summary>
    private async Task<IActionResult> ShowAsync(Outcome outcome, string done, CancellationToken cancellationToken, params (DomainError Error, string Field)[] fields)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                Saved = done;
                return RedirectToPage(new { id = outcome.Id });
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Conflict:
                ModelState.AddModelError(string.Empty, t["Iemand anders heeft dit onderzoek net gewijzigd. Er is niets overschreven. Bekijk de huidige stand en probeer het opnieuw."]);
                break;
            default:
                var refusal = outcome.Refusal!;
                ModelState.AddModelError(fields.FirstOrDefault(f => f.Error == refusal.Error).Field ?? string.Empty, formats.Message(refusal));
                break;
        }

        return await RedisplayAsync(outcome.Id, cancellationToken);
    }

    /// <summary>
    /// The page again after a refused or conflicting step: every form shows what is saved, except the form that was
    /// posted, which keeps what was just typed (issue 26, finding 15: a refused "opgelost" emptied the analysis form).
    /// </summary>
    private async Task<IActionResult> RedisplayAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var posted = Request.HasFormContentType ? Request.Form.Keys : [];
        if (!posted.Any(k => k.StartsWith($"{nameof(Analysis)}.", StringComparison.Ordinal)))
        {
            Analysis = AnalysisInput.From(Investigation!);
        }

        if (!posted.Any(k => k.StartsWith($"{nameof(Fixed)}.", StringComparison.Ordinal)))
        {
            Fixed = new FixedInput { EffectivenessCheckDate = Today.AddDays(30) };
        }

        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await query.InvestigationAsync(id, cancellationToken) is not { } shown)
        {
            return false;
        }

        (Investigation, Stores, Targets, Managers) = shown;
        Version = shown.Investigation.Version;
        ModelState.Remove(nameof(Version));
        return true;
    }

    public sealed class AnalysisInput
    {
        public List<string?> Whys { get; set; } = [.. Enumerable.Repeat<string?>(null, RootCauseInvestigation.MaxWhys)];

        public CauseCategory? CauseCategory { get; set; }

        public string? CauseStatement { get; set; }

        public string? CorrectiveAction { get; set; }

        public string? PreventiveAction { get; set; }

        public string? ActionOwner { get; set; }

        public DateOnly? ActionDueDate { get; set; }

        public static AnalysisInput From(RootCauseInvestigation i) => new()
        {
            Whys = [.. i.Whys.Concat(Enumerable.Repeat(string.Empty, RootCauseInvestigation.MaxWhys)).Take(RootCauseInvestigation.MaxWhys)],
            CauseCategory = i.CauseCategory,
            CauseStatement = i.CauseStatement,
            CorrectiveAction = i.CorrectiveAction,
            PreventiveAction = i.PreventiveAction,
            ActionOwner = i.ActionOwner,
            ActionDueDate = i.ActionDueDate,
        };

        /// <summary>This input, with the saved value for every field the posted form did not carry.</summary>
        internal AnalysisInput Over(AnalysisInput saved, ICollection<string> posted)
        {
            bool Posted(string field) => posted.Any(k => k.StartsWith($"{nameof(Analysis)}.{field}", StringComparison.Ordinal));
            return new AnalysisInput
            {
                Whys = Posted(nameof(Whys)) ? Whys : saved.Whys,
                CauseCategory = Posted(nameof(CauseCategory)) ? CauseCategory : saved.CauseCategory,
                CauseStatement = Posted(nameof(CauseStatement)) ? CauseStatement : saved.CauseStatement,
                CorrectiveAction = Posted(nameof(CorrectiveAction)) ? CorrectiveAction : saved.CorrectiveAction,
                PreventiveAction = Posted(nameof(PreventiveAction)) ? PreventiveAction : saved.PreventiveAction,
                ActionOwner = Posted(nameof(ActionOwner)) ? ActionOwner : saved.ActionOwner,
                ActionDueDate = Posted(nameof(ActionDueDate)) ? ActionDueDate : saved.ActionDueDate,
            };
        }

        internal InvestigationAnalysis ToAnalysis() =>
            new([.. Whys.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!)], CauseCategory, CauseStatement, CorrectiveAction, PreventiveAction, ActionOwner, ActionDueDate);
    }

    public sealed class AnalysisValidator : AbstractValidator<AnalysisInput>
    {
        public AnalysisValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(x => x.Whys).Must(w => w.Count <= RootCauseInvestigation.MaxWhys).WithMessage(_ => t["Hoogstens vijf keer waarom."]);
            RuleForEach(x => x.Whys).MaximumLength(RootCauseInvestigation.WhyMaxLength).WithMessage(_ => t["Een antwoord op 'waarom' heeft hoogstens {0} tekens.", RootCauseInvestigation.WhyMaxLength]);
            RuleFor(x => x.CauseCategory).IsInEnum().WithMessage(_ => t["Kies een van de zes oorzaakcategorieën."]);
            RuleFor(x => x.CauseStatement).MaximumLength(RootCauseInvestigation.TextMaxLength).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", RootCauseInvestigation.TextMaxLength]);
            RuleFor(x => x.CorrectiveAction).MaximumLength(RootCauseInvestigation.TextMaxLength).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", RootCauseInvestigation.TextMaxLength]);
            RuleFor(x => x.PreventiveAction).MaximumLength(RootCauseInvestigation.TextMaxLength).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", RootCauseInvestigation.TextMaxLength]);
            RuleFor(x => x.ActionOwner).MaximumLength(RootCauseInvestigation.ActionOwnerMaxLength).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", RootCauseInvestigation.ActionOwnerMaxLength]);
        }
    }

    public sealed class FixedInput
    {
        public string? ImprovementText { get; set; }

        public DateOnly? EffectivenessCheckDate { get; set; }
    }

    public sealed class FixedValidator : AbstractValidator<FixedInput>
    {
        public FixedValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(x => x.ImprovementText)
                .NotEmpty().WithMessage(_ => t["Schrijf in gewone woorden wat er verbeterd is. Dit lezen de klanten."])
                .MaximumLength(RootCauseInvestigation.TextMaxLength).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", RootCauseInvestigation.TextMaxLength]);
            RuleFor(x => x.EffectivenessCheckDate)
                // Not in the past: the domain's rule, on the organisation's day, answered at this field (EffectivenessCheckInPast).
                .NotNull().WithMessage(_ => t["Kies de datum waarop u controleert of de verbetering werkt."]);
        }
    }
}
