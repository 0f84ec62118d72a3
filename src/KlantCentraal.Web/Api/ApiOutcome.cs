using KlantCentraal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Api;

/// <summary>
/// An <see cref="Outcome"/> that is not done, as the API answers it: one problem per kind, in one place for every
/// endpoint (the pages map theirs in their own words).
/// </summary>
internal static class ApiOutcome
{
    public static IResult Problem(Outcome outcome, IStringLocalizer<SharedResource> t, Formats formats)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            OutcomeKind.NotFound => Answer(StatusCodes.Status404NotFound, t["Niet gevonden"], t["Er is geen klacht met deze volgcode."]),
            OutcomeKind.Conflict => Answer(StatusCodes.Status409Conflict, t["Net gewijzigd"], t["Iemand anders heeft dit net gewijzigd. Er is niets overschreven; lees de huidige stand en probeer het opnieuw."]),
            OutcomeKind.NotYours => Answer(StatusCodes.Status403Forbidden, t["Niet toegestaan"], t["Deze API-sleutel hoort bij andere winkels."]),
            OutcomeKind.Refused => Answer(StatusCodes.Status422UnprocessableEntity, t["Niet toegestaan door een regel"], formats.Message(outcome.Refusal!)),
            OutcomeKind.CoSignNeeded => Answer(StatusCodes.Status422UnprocessableEntity, t["Een manager tekent mee"], t["Voor deze oplossing tekent een manager mee. Stuur de klacht zonder oplossing: de balie lost hem op vanuit de webinbox."]),
            _ => throw new InvalidOperationException($"The API has no answer for {outcome.Kind}."),
        };
    }

    private static IResult Answer(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status, type: ApiProblems.ProblemType(status));
}
