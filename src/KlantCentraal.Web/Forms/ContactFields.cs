using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Mail;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Forms;

/// <summary>The optional contact details a customer may give, on the desk form and the online form.</summary>
public interface IContactFields
{
    string? Phone { get; }

    string? Postcode { get; }
}

/// <summary>One set of rules and messages for phone number and postcode.</summary>
public sealed class ContactFieldsValidator : AbstractValidator<IContactFields>
{
    public ContactFieldsValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Phone)
            .Must(BeAPhoneNumber).WithMessage(_ => t["Vul een telefoonnummer in met 6 tot 15 cijfers, zoals 06-12345678."])
            .When(x => !string.IsNullOrWhiteSpace(x.Phone));
        RuleFor(x => x.Postcode)
            .Must(p => p is null || (p.Length <= 16 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || c == '-')))
            .WithMessage(_ => t["Vul een postcode in met alleen letters en cijfers, zoals 1234 AB."])
            .When(x => !string.IsNullOrWhiteSpace(x.Postcode));
    }

    private static bool BeAPhoneNumber(string? phone) =>
        phone is null
        || (phone.Length <= 25
            && phone.Count(char.IsAsciiDigit) is >= 6 and <= 15
            && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.'));
}

/// <summary>The customer as the desk (or an integration) records them: a name and at least one way to recognise them.</summary>
public interface ICustomerFields : IContactFields
{
    string? CustomerName { get; }

    string? Email { get; }
}

/// <summary>One set of rules and messages for the customer fields of the desk form and the API.</summary>
public sealed class CustomerFieldsValidator : AbstractValidator<ICustomerFields>
{
    public CustomerFieldsValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.CustomerName)
            .NotEmpty().WithMessage(_ => t["Vul de naam van de klant in."])
            .MaximumLength(Customer.NameMaxLength).WithMessage(_ => t["De naam is te lang: gebruik hoogstens {0} tekens.", Customer.NameMaxLength])
            .VisibleName(t);
        RuleFor(x => x.Email)
            .MaximumLength(Customer.EmailMaxLength).WithMessage(_ => t["Het e-mailadres is te lang: gebruik hoogstens {0} tekens.", Customer.EmailMaxLength])
            .DeliverableEmailAddress().WithMessage(_ => t["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."])
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        Include(new ContactFieldsValidator(t));
        RuleFor(x => x)
            .Must(x => !string.IsNullOrWhiteSpace(x.Email) || !string.IsNullOrWhiteSpace(x.Phone) || !string.IsNullOrWhiteSpace(x.Postcode))
            .OverridePropertyName(nameof(ICustomerFields.Email))
            .WithMessage(_ => t["Vul een e-mailadres, telefoonnummer of postcode in, zodat de klant zijn klacht kan volgen en wij hem herkennen."]);
    }
}

public static class NameRules
{
    /// <summary>A name needs a visible letter; control and bidi-override characters are refused (<see cref="ContactRules.IsAcceptableName"/>).</summary>
    public static IRuleBuilderOptions<T, string?> VisibleName<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> t) =>
        rule.Must(name => string.IsNullOrWhiteSpace(name) || ContactRules.IsAcceptableName(name))
            .WithMessage(_ => t["Vul een naam in met letters. Onzichtbare tekens en stuurtekens kunnen niet."]);
}
