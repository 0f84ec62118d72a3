using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Validation;
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
    PublicLinks links,
    AppDbContext db,
    UserManager<StaffUser> users,
    CurrentStaff currentStaff,
    MailOutbox outbox,
    IValidator<InvestigationModel.AnalysisInput> analysisValidator,
    IValidator<InvestigationModel.FixedInput> fixedValidator,
    TimeProvider time,
    AuditLog audit,
    Formats formats,
    ILogger<InvestigationModel> logger,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public RootCauseInvestigation? Investigation { get; private set; }

    public IReadOnlyList<(int Id, string Title)> Targets { get; private set; } = [];

    /// <summary>Cause category, cause and corrective action are saved: only then can it be set to fixed.</summary>
    public bool AnalysisComplete => Investigation is { CauseCategory: not null, CauseStatement: not null, CorrectiveAction: not null };

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

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

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
        if (!await LoadAsync(id, tracking: false, cancellationToken))
        {
            return NotFound();
        }

        Analysis = AnalysisInput.From(Investigation!);
        Fixed = new FixedInput { EffectivenessCheckDate = Today.AddDays(30) };
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, AuditAction.InvestigationStarted, (i, me, _) => i.Start(me), t["U behandelt dit onderzoek nu."], cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken cancellationToken)
    {
        var manager = AssignTo is null ? null : await users.FindByIdAsync(AssignTo);
        if (manager is null || !manager.IsActive || !await users.IsInRoleAsync(manager, Roles.Manager))
        {
            ModelState.AddModelError(nameof(AssignTo), t["Kies een manager."]);
            return await RedisplayAsync(id, cancellationToken);
        }

        return await ChangeAsync(id, AuditAction.InvestigationAssigned, (i, _, _) => i.Assign(new StaffMember(manager.Id, manager.FirstName, isManager: true)), t["Het onderzoek is toegewezen aan {0}.", manager.FirstName], cancellationToken);
    }

    public async Task<IActionResult> OnPostAnalysisAsync(int id, CancellationToken cancellationToken)
    {
        var validation = await analysisValidator.ValidateAsync(Analysis, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddTo(this, nameof(Analysis));
            return await RedisplayAsync(id, cancellationToken);
        }

        return await ChangeAsync(id, AuditAction.InvestigationAnalysed, (i, me, _) => i.RecordAnalysis(Analysis.ToAnalysis(), me), t["De analyse is opgeslagen."], cancellationToken);
    }

    public async Task<IActionResult> OnPostFixedAsync(int id, CancellationToken cancellationToken)
    {
        var validation = await fixedValidator.ValidateAsync(Fixed, cancellationToken);
        validation.AddTo(this, nameof(Fixed));
        var current = await db.Investigations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (current is { CauseCategory: null } or { CauseStatement: null } or { CorrectiveAction: null })
        {
            ModelState.AddModelError($"{nameof(Fixed)}.{nameof(FixedInput.ImprovementText)}", t["Vul eerst de oorzaakcategorie, de oorzaak en de corrigerende maatregel in en sla de analyse op. Daarna kunt u het onderzoek op opgelost zetten."]);
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, cancellationToken);
        }

        var letter = links.Letter();
        List<Complaint> told = [];
        var result = await ChangeAsync(
            id,
            AuditAction.InvestigationFixed,
            (i, me, now) =>
            {
                i.MarkFixed(Fixed.ImprovementText!, Fixed.EffectivenessCheckDate!.Value, me, now);
                // One letter per customer, owed in the same transaction as the fix.
                told = [.. i.Complaints.Where(c => c.Customer?.Email is not null).DistinctBy(c => c.Customer!.Email)];
                told.ForEach(c => outbox.Owe(MailKind.Improvement, c, letter, now));
            },
            t["Opgelost. De klanten zien nu wat er verbeterd is."],
            cancellationToken);
        if (result is RedirectToPageResult && told.Count > 0)
        {
            var allSent = await outbox.SendOwedHereAsync(cancellationToken) != false;
            Saved = allSent
                ? t["Opgelost. De klanten zien nu wat er verbeterd is; {0} klant(en) kregen een e-mail.", told.Count]
                : t["Opgelost. De klanten zien nu wat er verbeterd is. De e-mail aan {0} klant(en) gaat later uit: de mailserver is nu niet bereikbaar.", told.Count];
        }

        return result;
    }

    public async Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken cancellationToken)
    {
        var check = await db.Investigations.AsNoTracking().Where(i => i.Id == id).Select(i => i.EffectivenessCheckDate).FirstOrDefaultAsync(cancellationToken);
        if (check is { } date && Today < date)
        {
            ModelState.AddModelError(string.Empty, t["Deze stap kan nu niet: de controle op effect staat op {0}. Verifieer op of na die datum.", formats.Date(date)]);
            return await RedisplayAsync(id, cancellationToken);
        }

        return await ChangeAsync(id, AuditAction.InvestigationVerified, (i, me, now) => i.Verify(me, now), t["De verbetering is als effectief geverifieerd."], cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(CloseReason) || CloseReason.Length > RootCauseInvestigation.TextMaxLength)
        {
            ModelState.AddModelError(nameof(CloseReason), t["Schrijf op waarom er geen oorzaak is (hoogstens 2000 tekens)."]);
            return await RedisplayAsync(id, cancellationToken);
        }

        return await ChangeAsync(id, AuditAction.InvestigationClosed, (i, me, now) => i.CloseWithoutCause(CloseReason, me, now), t["Het onderzoek is gesloten zonder oorzaak."], cancellationToken);
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(id, cancellationToken);
        if (target is null)
        {
            return await RedisplayAsync(id, cancellationToken);
        }

        return await ChangeAsync(
            id,
            AuditAction.ComplaintMoved,
            (i, me, now) =>
            {
                var complaint = i.Complaints.FirstOrDefault(c => c.Id == ComplaintId) ?? throw new DomainException("Choose a complaint of this investigation.");
                i.MoveComplaint(complaint, target, me, now);
            },
            t["De klacht is verplaatst naar {0}.", target.Title],
            cancellationToken);
    }

    public async Task<IActionResult> OnPostMergeAsync(int id, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(id, cancellationToken);
        if (target is null)
        {
            return await RedisplayAsync(id, cancellationToken);
        }

        var result = await ChangeAsync(id, AuditAction.InvestigationMerged, (i, me, now) => i.MergeInto(target, me, now), t["Samengevoegd met {0}.", target.Title], cancellationToken);
        return result is RedirectToPageResult ? RedirectToPage(new { id = target.Id }) : result;
    }

    public async Task<IActionResult> OnPostSplitAsync(int id, CancellationToken cancellationToken)
    {
        var total = await db.Complaints.CountAsync(c => c.InvestigationId == id, cancellationToken);
        if (SplitIds.Count == 0 || SplitIds.Distinct().Count() >= total)
        {
            ModelState.AddModelError(string.Empty, t["Vink minstens één klacht aan om af te splitsen, en laat er minstens één staan."]);
            return await RedisplayAsync(id, cancellationToken);
        }

        RootCauseInvestigation? split = null;
        var result = await ChangeAsync(
            id,
            AuditAction.InvestigationSplit,
            (i, me, now) =>
            {
                var chosen = i.Complaints.Where(c => SplitIds.Contains(c.Id)).ToList();
                split = i.Split(chosen, me, now);
                db.Investigations.Add(split);
            },
            t["De gekozen klachten staan nu in een eigen onderzoek."],
            cancellationToken);
        return result is RedirectToPageResult && split is not null ? RedirectToPage(new { id = split.Id }) : result;
    }

    private async Task<RootCauseInvestigation?> TargetAsync(int id, CancellationToken cancellationToken)
    {
        var target = TargetId is { } targetId && targetId != id
            ? await db.Investigations.Include(i => i.Complaints).FirstOrDefaultAsync(i => i.Id == targetId, cancellationToken)
            : null;
        if (target is null || !target.IsActive)
        {
            ModelState.AddModelError(nameof(TargetId), t["Kies een ander lopend onderzoek."]);
            return null;
        }

        return target;
    }

    /// <summary>Loads the investigation, applies one domain step as the signed-in manager, and saves with a version check.</summary>
    private async Task<IActionResult> ChangeAsync(int id, AuditAction action, Action<RootCauseInvestigation, StaffMember, DateTime> change, string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracking: true, cancellationToken))
        {
            return NotFound();
        }

        db.Entry(Investigation!).Property(i => i.Version).OriginalValue = Version;
        var me = await currentStaff.GetAsync();
        try
        {
            change(Investigation!, me, time.GetUtcNow().UtcDateTime);
            audit.Record(action, nameof(RootCauseInvestigation), id.ToString(System.Globalization.CultureInfo.InvariantCulture), Investigation!.Title);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, t["Iemand anders heeft dit onderzoek net gewijzigd. Er is niets overschreven. Bekijk de huidige stand en probeer het opnieuw."]);
            return await RedisplayAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is DomainException or ArgumentException)
        {
            // The rules a manager can break are checked above with their own message; this is what is left,
            // mostly a form sent against an older state of the investigation. The rule's own text is for the log.
            logger.LogInformation(ex, "Investigation {InvestigationId}: step refused", id);
            ModelState.AddModelError(string.Empty, t["Deze stap kan nu niet: het onderzoek is intussen veranderd of de keuze past er niet bij. Bekijk de huidige stand en probeer het opnieuw."]);
            return await RedisplayAsync(id, cancellationToken);
        }

        Saved = done;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> RedisplayAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, tracking: false, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Investigations.Include(i => i.Complaints).ThenInclude(c => c.Customer).AsSplitQuery();
        Investigation = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (Investigation is null)
        {
            return false;
        }

        var storeIds = Investigation.Complaints.Where(c => c.StoreId is not null).Select(c => c.StoreId!.Value).Distinct().ToList();
        Stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        if (!tracking)
        {
            Version = Investigation.Version;
            ModelState.Remove(nameof(Version));
            var productKey = Investigation.ProductKey;
            Targets = (await db.Investigations.AsNoTracking()
                .Where(i => i.Id != id && (i.Status == InvestigationStatus.Open || i.Status == InvestigationStatus.InProgress))
                .OrderByDescending(i => i.ProductKey == productKey).ThenByDescending(i => i.OpenedAt)
                .Take(50)
                .Select(i => new { i.Id, i.Title })
                .ToListAsync(cancellationToken)).Select(i => (i.Id, i.Title)).ToList();
            Managers = (await users.GetUsersInRoleAsync(Roles.Manager)).Where(u => u.IsActive).OrderBy(u => u.FirstName).ToList();
        }

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
            RuleFor(x => x.ActionOwner).MaximumLength(100).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", 100]);
        }
    }

    public sealed class FixedInput
    {
        public string? ImprovementText { get; set; }

        public DateOnly? EffectivenessCheckDate { get; set; }
    }

    public sealed class FixedValidator : AbstractValidator<FixedInput>
    {
        public FixedValidator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(x => x.ImprovementText)
                .NotEmpty().WithMessage(_ => t["Schrijf in gewone woorden wat er verbeterd is. Dit lezen de klanten."])
                .MaximumLength(RootCauseInvestigation.TextMaxLength).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", RootCauseInvestigation.TextMaxLength]);
            RuleFor(x => x.EffectivenessCheckDate)
                .NotNull().WithMessage(_ => t["Kies de datum waarop u controleert of de verbetering werkt."])
                .Must(d => d >= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).WithMessage(_ => t["De controledatum kan niet in het verleden liggen."]);
        }
    }
}
