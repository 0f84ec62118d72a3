using FluentValidation;
using KlantCentraal.Domain;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Forms;

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
