using FluentValidation;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Forms;

/// <summary>The managers who co-sign at the desk: their own e-mail address and password, typed on the employee's screen.</summary>
public interface ICoSignFields
{
    string? CoSignEmail { get; }

    string? CoSignPassword { get; }

    /// <summary>A second manager, above the policy's second limit.</summary>
    string? SecondCoSignEmail { get; }

    string? SecondCoSignPassword { get; }
}

/// <summary>A co-signing manager who gave an address also gives a password (whether they match, <see cref="Complaints.CoSigning"/> checks).</summary>
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
