using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Settings;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// The organisation's settings: contact details and opening hours customers see, the co-sign limit, service
/// levels, grouping window and who owns which category. Saved in the database, audited, effective at once.
/// </summary>
public sealed class SettingsModel(
    SettingsChanges changes,
    IOptionsMonitor<OrganisationOptions> organisation,
    IOptionsMonitor<PolicyOptions> policy,
    IOptionsMonitor<InvestigationOptions> investigations,
    IValidator<SettingsModel.InputModel> validator,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public void OnGet() => Input = InputModel.From(OrganisationSettings.From(organisation.CurrentValue, policy.CurrentValue, investigations.CurrentValue));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddTo(this, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await changes.SaveAsync(Input.ApplyTo, cancellationToken);
        Saved = t["De instellingen zijn opgeslagen en gelden meteen."];
        return RedirectToPage();
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        /// <summary>Monday to Sunday, "09:00-17:00" or empty for closed.</summary>
        public string?[] Hours { get; set; } = new string?[7];

        public int OnlineResponseWorkingDays { get; set; }

        public Regime Regime { get; set; }

        /// <summary>Per category: empty for the organisation's regime, else the category's own.</summary>
        public Dictionary<ComplaintCategory, Regime?> Regimes { get; set; } = [];

        public string? CoSignAbove { get; set; }

        public int ServiceLevelWorkingDays { get; set; }

        public int GroupingWindowDays { get; set; }

        public Dictionary<ComplaintCategory, string?> Owners { get; set; } = [];

        public static InputModel From(OrganisationSettings s) => new()
        {
            Name = s.Name,
            Phone = s.Phone,
            Email = s.Email,
            Hours = HoursOf(s.OpeningHours),
            OnlineResponseWorkingDays = s.OnlineResponseWorkingDays,
            Regime = s.Regime,
            Regimes = Enum.GetValues<ComplaintCategory>().ToDictionary(c => c, c => s.Regimes.TryGetValue(c, out var own) ? own : (Regime?)null),
            CoSignAbove = new Money(s.CoSignAboveCents).Euros.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture),
            ServiceLevelWorkingDays = s.ServiceLevelWorkingDays,
            GroupingWindowDays = s.GroupingWindowDays,
            Owners = Enum.GetValues<ComplaintCategory>().ToDictionary(c => c, c => s.Owners.GetValueOrDefault(c)),
        };

        /// <summary>The days of the stored hours; older free text starts as Monday to Friday 09:00-17:00.</summary>
        private static string?[] HoursOf(string stored)
        {
            var hours = Domain.OpeningHours.Parse(stored.StartsWith("mo=", StringComparison.Ordinal) ? stored : OrganisationOptions.Weekdays("09:00-17:00"));
            return [.. Domain.OpeningHours.Week.Select(d => hours[d] is { } h ? Domain.OpeningHours.Day(h) : null)];
        }

        internal void ApplyTo(OrganisationSettings s)
        {
            s.Name = Name!.Trim();
            s.Phone = Phone!.Trim();
            s.Email = Email!.Trim();
            s.OpeningHours = Domain.OpeningHours.From([.. Enumerable.Range(0, 7).Select(d => Domain.OpeningHours.TryParseDay(Hours.ElementAtOrDefault(d), out var day) ? day : null)]).ToString();
            s.OnlineResponseWorkingDays = OnlineResponseWorkingDays;
            s.Regime = Regime;
            s.Regimes = Regimes.Where(r => r.Value is { } own && own != Regime).ToDictionary(r => r.Key, r => r.Value!.Value);
            s.CoSignAboveCents = Money.TryParse(CoSignAbove, out var limit) ? limit.Cents : s.CoSignAboveCents;
            s.ServiceLevelWorkingDays = ServiceLevelWorkingDays;
            s.GroupingWindowDays = GroupingWindowDays;
            s.Owners = Owners.Where(o => !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key, o => o.Value!.Trim());
        }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage(_ => t["Vul de naam van de organisatie in."]).MaximumLength(100).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", 100]);
            RuleFor(x => x.Phone).NotEmpty().WithMessage(_ => t["Vul het telefoonnummer voor klanten in."]).MaximumLength(32).WithMessage(_ => t["Gebruik hoogstens {0} tekens.", 32]);
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => t["Vul het e-mailadres voor klanten in."]).DeliverableEmailAddress().WithMessage(_ => t["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]).MaximumLength(254);
            RuleForEach(x => x.Hours)
                .Must(h => Domain.OpeningHours.TryParseDay(h, out _))
                .WithMessage((_, h) => t["Schrijf de openingstijd als 09:00-17:00, of laat het leeg als u dan niet bereikbaar bent (niet: \"{0}\").", h ?? string.Empty]);
            RuleFor(x => x.Hours).Must(h => h.Length <= 7).WithMessage(_ => t["Vul de openingstijden in."]);
            RuleFor(x => x.CoSignAbove)
                .Must(a => Money.TryParse(a, out var m) && m.IsPositive && m <= Money.Max).WithMessage(_ => t["Vul een bedrag in euro's in, bijvoorbeeld 250,00."]);
            RuleFor(x => x.OnlineResponseWorkingDays).InclusiveBetween(1, 30).WithMessage(_ => t["Kies 1 tot 30 werkdagen."]);
            RuleFor(x => x.ServiceLevelWorkingDays).InclusiveBetween(1, 120).WithMessage(_ => t["Kies 1 tot 120 werkdagen."]);
            RuleFor(x => x.GroupingWindowDays).InclusiveBetween(1, 365).WithMessage(_ => t["Kies 1 tot 365 dagen."]);
            RuleForEach(x => x.Owners.Values).DeliverableEmailAddress().WithMessage(_ => t["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]).When(x => x.Owners.Values.Any(v => !string.IsNullOrWhiteSpace(v)));
        }
    }
}
