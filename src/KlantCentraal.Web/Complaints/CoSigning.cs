using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Complaints;

/// <summary>The resolution the desk grants, as the desk form, the inbox's resolve form and the API have it.</summary>
public interface IResolutionFields
{
    ResolutionType ResolutionType { get; }

    string? Amount { get; }

    RefundMethod RefundMethod { get; }

    string? ResolutionNote { get; }

    /// <summary>
    /// The employee confirmed an unusually high amount ("klopt dit bedrag?"); null where nobody can be asked (the API,
    /// which is bounded by the maximum only).
    /// </summary>
    bool? AmountConfirmed => null;
}

/// <summary>The managers who co-sign at the desk: their own e-mail address and password, typed on the employee's screen.</summary>
public interface ICoSignFields
{
    string? CoSignEmail { get; }

    string? CoSignPassword { get; }

    /// <summary>A second manager, above the policy's second limit.</summary>
    string? SecondCoSignEmail { get; }

    string? SecondCoSignPassword { get; }
}

/// <summary>The desk's resolution form: the resolution and, when the policy asks, the co-signing managers.</summary>
public interface IResolutionForm : IResolutionFields, ICoSignFields;

/// <summary>
/// What the shared resolution fields (<c>_ResolutionFields</c>) show: the form's values, the legend, whether the
/// co-sign fields are open, and from which amounts (cents) they open while typing — the limit, or less when the
/// store's budget has less left, zero for a customer with a trust flag. The server decides in the end.
/// </summary>
public sealed record ResolutionFieldsView(
    IResolutionForm Input,
    string Legend,
    bool CoSignNeeded,
    bool SecondCoSignNeeded,
    Money CoSignLimit,
    long CoSignFromCents,
    long SecondCoSignFromCents);

public static class ResolutionFields
{
    public static bool NeedsAmount(this IResolutionFields fields) => fields.ResolutionType is ResolutionType.Refund or ResolutionType.Voucher;

    public static GrantedResolution ToGranted(this IResolutionFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Money? amount = fields.NeedsAmount() && Money.TryParse(fields.Amount, out var parsed) ? parsed : null;
        return new GrantedResolution(
            fields.ResolutionType,
            amount,
            fields.ResolutionType == ResolutionType.Refund ? fields.RefundMethod : null,
            fields.NeedsAmount() ? null : fields.ResolutionNote);
    }
}

/// <summary>One set of rules and messages for the resolution fields.</summary>
public sealed class ResolutionFieldsValidator : AbstractValidator<IResolutionFields>
{
    /// <param name="t">The messages.</param>
    /// <param name="confirmAbove">Above this amount the employee confirms it once (Policy:ConfirmAmountAboveEuros); null: never asked.</param>
    public ResolutionFieldsValidator(IStringLocalizer<SharedResource> t, Func<Money>? confirmAbove = null)
    {
        RuleFor(x => x.ResolutionType).IsInEnum().WithMessage(_ => t["Kies een oplossing."]);
        // One message per kind of mistake, each saying how to write it instead.
        RuleFor(x => x.Amount)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => t["Vul het bedrag in, bijvoorbeeld 24,95."])
            .Must(a => Money.Diagnose(a) != AmountProblem.Negative).WithMessage(_ => t["Een bedrag is nooit negatief: vul het in zonder minteken, bijvoorbeeld 24,95."])
            .Must(a => Money.Diagnose(a) != AmountProblem.TooManyDecimals).WithMessage(_ => t["Gebruik hoogstens twee cijfers na de komma, bijvoorbeeld 24,95."])
            .Must(a => Money.Diagnose(a) != AmountProblem.Ambiguous).WithMessage((_, a) => t["Bedoelt u met \"{0}\" duizenden of centen? Schrijf bijvoorbeeld 1.250 of 1,25.", a ?? string.Empty])
            .Must(a => Money.Diagnose(a) != AmountProblem.TooLong).WithMessage(_ => t["Het bedrag kan hoogstens € 100.000,00 zijn."])
            .Must(a => Money.TryParse(a, out _)).WithMessage(_ => t["Vul alleen cijfers in, met een komma voor de centen, bijvoorbeeld 24,95."])
            .Must(a => !Money.TryParse(a, out var m) || m.IsPositive).WithMessage(_ => t["Het bedrag moet meer dan € 0,00 zijn."])
            .Must(a => !Money.TryParse(a, out var m) || m <= Money.Max).WithMessage(_ => t["Het bedrag kan hoogstens € 100.000,00 zijn."])
            .When(x => x.NeedsAmount());
        if (confirmAbove is { } boundNow)
        {
            RuleFor(x => x.AmountConfirmed)
                .Must(confirmed => confirmed is not false).WithMessage(x => t["Klopt dit bedrag? {0} is meer dan we gewoonlijk geven. Vink hieronder aan dat het klopt, of pas het bedrag aan.", Money.TryParse(x.Amount, out var m) ? "€ " + m.Euros.ToString("N2", System.Globalization.CultureInfo.CurrentCulture) : string.Empty])
                .When(x => x.NeedsAmount() && Money.TryParse(x.Amount, out var m) && m > boundNow() && m <= Money.Max);
        }
        RuleFor(x => x.RefundMethod).IsInEnum().WithMessage(_ => t["Kies hoe het geld wordt terugbetaald."]);
        RuleFor(x => x.ResolutionNote)
            .NotEmpty().WithMessage(_ => t["Beschrijf wat de klant krijgt, bijvoorbeeld welk product of welke reparatie."])
            .When(x => !x.NeedsAmount());
        RuleFor(x => x.ResolutionNote)
            .MaximumLength(Resolution.NoteMaxLength).WithMessage(_ => t["De toelichting is te lang: gebruik hoogstens {0} tekens.", Resolution.NoteMaxLength]);
    }
}

/// <summary>A co-signing manager who gave an address also gives a password (whether they match, <see cref="CoSigning"/> checks).</summary>
public sealed class CoSignFieldsValidator : AbstractValidator<ICoSignFields>
{
    public CoSignFieldsValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.CoSignPassword)
            .NotEmpty().WithMessage(_ => t["Laat de manager het wachtwoord invullen."])
            .When(x => !string.IsNullOrWhiteSpace(x.CoSignEmail));
        RuleFor(x => x.SecondCoSignPassword)
            .NotEmpty().WithMessage(_ => t["Laat de manager het wachtwoord invullen."])
            .When(x => !string.IsNullOrWhiteSpace(x.SecondCoSignEmail));
    }
}

/// <summary>
/// A manager's co-signature on the desk screen (ADR 0005): checks the manager's own credentials without
/// signing anyone in or out, and explains in plain words why a co-signature is asked.
/// </summary>
public sealed class CoSigning(
    UserManager<StaffUser> users,
    IOptionsSnapshot<PolicyOptions> policy,
    Formats formats,
    IStringLocalizer<SharedResource> t)
{
    public decimal LimitEuros => policy.Value.CoSignAboveEuros;

    public Money SecondLimit => policy.Value.CoSign.SecondLimit;

    /// <summary>
    /// The co-signing managers the form names (none, one, or two different ones), or null with errors in
    /// <paramref name="modelState"/> under the fields of <paramref name="prefix"/>.
    /// </summary>
    public async Task<CoSigners?> VerifyAsync(ICoSignFields fields, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(fields);
        // Wrong credentials are reported at the password field (the one usually mistyped), with the same words
        // whether the address or the password was wrong.
        var first = await VerifyOneAsync(fields.CoSignEmail, fields.CoSignPassword, modelState, $"{prefix}.{nameof(ICoSignFields.CoSignPassword)}", $"{prefix}.{nameof(ICoSignFields.CoSignEmail)}");
        var secondField = $"{prefix}.{nameof(ICoSignFields.SecondCoSignEmail)}";
        var second = await VerifyOneAsync(fields.SecondCoSignEmail, fields.SecondCoSignPassword, modelState, $"{prefix}.{nameof(ICoSignFields.SecondCoSignPassword)}", secondField);
        if (first is not null && second is not null && first.Id == second.Id)
        {
            modelState.AddModelError(secondField, t["De tweede handtekening komt van een andere manager dan de eerste."]);
            return null;
        }

        return (first ?? second) is { } one ? new CoSigners(one, first is null ? null : second) : null;
    }

    /// <summary>Returns the co-signing manager, or null with an error in <paramref name="modelState"/> under <paramref name="field"/>.</summary>
    private async Task<StaffMember?> VerifyOneAsync(string? email, string? password, ModelStateDictionary modelState, string field, string emailField)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var manager = await users.FindByEmailAsync(email.Trim());
        if (manager is null || !manager.IsActive || await users.IsLockedOutAsync(manager))
        {
            modelState.AddModelError(field, t["Het e-mailadres of het wachtwoord van de manager klopt niet. Probeer het opnieuw."]);
            return null;
        }

        if (!await users.CheckPasswordAsync(manager, password ?? string.Empty))
        {
            await users.AccessFailedAsync(manager);
            modelState.AddModelError(field, t["Het e-mailadres of het wachtwoord van de manager klopt niet. Probeer het opnieuw."]);
            return null;
        }

        if (!await users.IsInRoleAsync(manager, Roles.Manager))
        {
            modelState.AddModelError(emailField, t["Alleen een manager kan meetekenen. Vraag een manager om hier in te loggen."]);
            return null;
        }

        await users.ResetAccessFailedCountAsync(manager);
        return new StaffMember(manager.Id, manager.FirstName, isManager: true);
    }

    /// <summary>Why a co-signature is asked, in plain words: "€ 750,00 in de afgelopen 30 dagen + € 250,00 nu is meer dan € 250,00".</summary>
    public string Message(CoSignatureRequiredException needed, Money? amount)
    {
        ArgumentNullException.ThrowIfNull(needed);
        var reasons = needed.Reasons;
        var why = new List<string>();
        var limit = reasons.HasFlag(CoSignReason.AboveSecondLimit) ? policy.Value.CoSign.SecondLimit : needed.Limit ?? Money.FromEuros(LimitEuros);
        if (reasons.HasFlag(CoSignReason.AmountAboveLimit) && needed.RecentGoodwill.IsPositive)
        {
            why.Add(t["{0} in de afgelopen {1} dagen + {2} nu is meer dan {3}", formats.Money(needed.RecentGoodwill), policy.Value.CoSign.WindowDays, formats.Money(amount ?? Money.Zero), formats.Money(limit)]);
        }
        else if (reasons.HasFlag(CoSignReason.AmountAboveLimit))
        {
            why.Add(t["het bedrag is hoger dan {0}", formats.Money(limit)]);
        }

        if (reasons.HasFlag(CoSignReason.StoreBudgetExceeded) && needed.Budget is { } budget)
        {
            why.Add(t["het goodwillbudget van {0} voor deze maand ({1}, al {2} gebruikt) is niet genoeg voor {3}", budget.StoreName, formats.Money(budget.Budget), formats.Money(budget.Used), formats.Money(amount ?? Money.Zero)]);
        }

        if (reasons.HasFlag(CoSignReason.TrustFlag))
        {
            why.Add(t["deze klant heeft een vertrouwensmarkering"]);
        }

        return reasons.HasFlag(CoSignReason.AboveSecondLimit)
            ? t["Twee managers tekenen mee, want {0}. Laat twee verschillende managers hieronder hun e-mailadres en wachtwoord invullen; daarna is de klant direct geholpen.", string.Join(t[" en "], why)]
            : t["Een manager tekent mee, want {0}. Laat een manager hieronder zijn e-mailadres en wachtwoord invullen; daarna is de klant direct geholpen.", string.Join(t[" en "], why)];
    }
}
