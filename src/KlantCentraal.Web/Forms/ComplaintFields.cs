using FluentValidation;
using KlantCentraal.Domain;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Forms;

/// <summary>The descriptive fields of a complaint, as both the desk form and the correction form have them.</summary>
public interface IComplaintFields
{
    Channel Channel { get; }

    ComplaintCategory Category { get; }

    string? ProductName { get; }

    string? ArticleNumber { get; }

    DateOnly? PurchaseDate { get; }

    string? PurchasePlace { get; }

    ReceiptStatus Receipt { get; }

    string? Description { get; }
}

/// <summary>One set of rules and messages for those fields, included by both forms' validators.</summary>
public sealed class ComplaintFieldsValidator : AbstractValidator<IComplaintFields>
{
    public ComplaintFieldsValidator(IStringLocalizer<SharedResource> t, Organisation.OrganisationCalendar calendar)
    {
        RuleFor(x => x.Channel).IsInEnum().WithMessage(_ => t["Kies hoe de klacht binnenkwam."]);
        RuleFor(x => x.Category).IsInEnum().WithMessage(_ => t["Kies een categorie."]);
        RuleFor(x => x.ProductName)
            .NotEmpty().WithMessage(_ => t["Vul in over welk product of welke dienst de klacht gaat."])
            .MaximumLength(Complaint.ProductNameMaxLength).WithMessage(_ => t["De productnaam is te lang: gebruik hoogstens {0} tekens.", Complaint.ProductNameMaxLength]);
        RuleFor(x => x.ArticleNumber)
            .MaximumLength(Complaint.ArticleNumberMaxLength).WithMessage(_ => t["Het artikelnummer is te lang: gebruik hoogstens {0} tekens.", Complaint.ArticleNumberMaxLength]);
        RuleFor(x => x.PurchaseDate)
            .Must(d => d <= calendar.Today()).WithMessage(_ => t["De aankoopdatum kan niet in de toekomst liggen."])
            .Must(d => d >= new DateOnly(1950, 1, 1)).WithMessage(_ => t["Vul een aankoopdatum in na 1950, of laat het veld leeg."])
            .When(x => x.PurchaseDate is not null);
        RuleFor(x => x.PurchasePlace)
            .MaximumLength(Complaint.PurchasePlaceMaxLength).WithMessage(_ => t["De plaats van aankoop is te lang: gebruik hoogstens {0} tekens.", Complaint.PurchasePlaceMaxLength]);
        RuleFor(x => x.Receipt).IsInEnum().WithMessage(_ => t["Kies of de klant een bon heeft: ja, nee of onbekend."]);
        RuleFor(x => x.Description)
            .NotEmpty().WithMessage(_ => t["Beschrijf in een paar woorden wat er mis is."])
            .MaximumLength(Complaint.DescriptionMaxLength).WithMessage(_ => t["De omschrijving is te lang: gebruik hoogstens {0} tekens.", Complaint.DescriptionMaxLength]);
    }
}
