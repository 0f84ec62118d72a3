using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Settings;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Localization;

/// <summary>
/// Turns domain values into screen text in the request's culture: amounts (€ 12,50), dates
/// (22-11-2026) in the organisation's time zone, and the names of channels, statuses and resolutions. Which day it
/// is, and where days and months start, is <see cref="Organisation.OrganisationCalendar"/>'s.
/// </summary>
public sealed class Formats(IStringLocalizer<SharedResource> t, IOptionsMonitor<OrganisationOptions> organisation)
{
    // Read when first needed, not when constructed: services built before the database is migrated (the start-up
    // seeder's) must not read the settings table yet.
    private TimeZoneInfo? _zone;

    private TimeZoneInfo Zone => _zone ??= Organisation.OrganisationCalendar.ZoneOf(organisation.CurrentValue.TimeZone);

    /// <summary>Euros in the request's culture: "€ 24,95" in Dutch, "€24.95" in English (never pounds).</summary>
    public string Money(long cents)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return Domain.Money.EurosOf(cents).ToString("C2", format);
    }

    public string Money(Money money) => Money(money.Cents);

    /// <summary>
    /// The one place a broken domain rule becomes words for the user: pages catch <see cref="DomainException"/> and
    /// show this, instead of checking the rule again to be able to say it in Dutch.
    /// </summary>
    public string Message(DomainException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Error switch
        {
            DomainError.TextTooLong => t["Gebruik hoogstens {0} tekens.", refusal.Limit ?? 0],
            DomainError.OwnerMustBeManager => t["Kies een manager."],
            DomainError.TooManyOrTooLongWhys => t["Hoogstens vijf keer waarom, elk hoogstens {0} tekens.", refusal.Limit ?? 0],
            DomainError.AnalysisIncomplete => t["Vul eerst de oorzaakcategorie, de oorzaak en de corrigerende maatregel in en sla de analyse op. Daarna kunt u het onderzoek op opgelost zetten."],
            DomainError.ImprovementTextMissing => t["Schrijf in gewone woorden wat er verbeterd is. Dit lezen de klanten."],
            DomainError.EffectivenessCheckInPast => t["De controledatum kan niet in het verleden liggen."],
            DomainError.EffectivenessCheckNotDue => t["Deze stap kan nu niet: de controle op effect staat op {0}. Verifieer op of na die datum.", refusal.Date is { } due ? Date(due) : string.Empty],
            DomainError.CloseReasonMissing => t["Schrijf op waarom er geen oorzaak is (hoogstens {0} tekens).", RootCauseInvestigation.TextMaxLength],
            DomainError.TargetNotActive => t["Kies een ander lopend onderzoek."],
            DomainError.SplitChoiceInvalid => t["Vink minstens één klacht aan om af te splitsen, en laat er minstens één staan."],
            DomainError.OnlyManagerChangesInvestigation or DomainError.InvestigationNotOpen or DomainError.InvestigationNotActive
                or DomainError.InvestigationNotFixed or DomainError.ComplaintNotInInvestigation
                => t["Deze stap kan nu niet: het onderzoek is intussen veranderd of de keuze past er niet bij. Bekijk de huidige stand en probeer het opnieuw."],
            DomainError.ComplaintAlreadyResolved => t["Een collega heeft deze klacht net opgelost. Er is niets dubbel gegeven."],
            DomainError.RemarkTooLong => t["Uw opmerking is te lang: gebruik hoogstens {0} tekens.", refusal.Limit ?? 0],
            DomainError.ScoreOutOfRange => t["Kies een cijfer van 1 (zeer ontevreden) tot 5 (zeer tevreden)."],
            DomainError.FeedbackAlreadyGiven or DomainError.FeedbackNotYetAsked => t["U kunt één keer een cijfer geven, nadat uw klacht is opgelost."],
            DomainError.CoSignerNotSecondManager => t["De tweede handtekening komt van een andere manager dan de eerste."],
            DomainError.TrustFlagReasonMissing => t["Schrijf de reden op (hoogstens {0} tekens).", Customer.TrustFlagReasonMaxLength],
            DomainError.NoTrustFlag => t["Deze klant heeft op dit moment geen vertrouwensmarkering."],
            DomainError.StoreClosed => t["Deze winkel is gesloten. Kies een andere winkel."],
            DomainError.NothingToExtend => t["Deze klacht wacht niet (meer) op een eerste antwoord: er is geen termijn om te verlengen."],
            DomainError.AlreadyExtended => t["De termijn is al een keer verlengd; dat kan maar één keer."],
            DomainError.ExtensionReasonMissing => t["Schrijf op waarom u meer tijd nodig heeft. De klant leest het."],
            DomainError.ExtensionNotLater => t["Kies een datum na de beloofde datum ({0}).", refusal.Date is { } promised ? Date(promised) : string.Empty],
            DomainError.MessageEmpty => t["Schrijf uw bericht, of voeg een foto toe."],
            DomainError.RefundNotOwed => t["Deze terugbetaling staat niet (meer) open: ze is al betaald, of de balie betaalde haar direct uit."],
            DomainError.PaidOnOutOfRange => t["Kies de dag waarop het geld is overgemaakt: niet voor {0} en niet na vandaag.", refusal.Date is { } granted ? Date(granted) : string.Empty],
            DomainError.PaymentReferenceMissing => t["Vul het kenmerk van de betaling in, zoals het op het bankafschrift staat."],
            DomainError.ExtensionTooLong => t["Kies uiterlijk {0}: langer verlengen mag niet.", refusal.Date is { } latest ? Date(latest) : string.Empty],
            _ => t["Dit kan nu niet: de gegevens zijn intussen veranderd. Bekijk de huidige stand en probeer het opnieuw."],
        };
    }

    public string Date(DateTime utc) => Local(utc).ToString("d", CultureInfo.CurrentCulture);

    public string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>
    /// The promise in the words of its regime (issue 28): a shop's "wij nemen uiterlijk … contact op", the Wkkgz's
    /// decision, the Awb's handling. The same sentence on the online form, the thank-you page, the status page and the letter.
    /// </summary>
    public string Promise(Regime regime, DateOnly by, string? answerer = null) => regime switch
    {
        Regime.Wkkgz => t["U krijgt uiterlijk {0} ons oordeel over uw klacht, zoals de Wet kwaliteit, klachten en geschillen zorg (Wkkgz) vraagt.", Date(by)],
        Regime.Awb => t["Wij handelen uw klacht uiterlijk {0} af, zoals de Algemene wet bestuursrecht (artikel 9:11) vraagt.", Date(by)],
        _ when answerer is not null => t["{0} of een collega neemt uiterlijk {1} contact met u op en lost het dan direct op.", answerer, Date(by)],
        _ => t["Wij nemen uiterlijk {0} contact met u op en lossen het dan direct op.", Date(by)],
    };

    public string Label(Regime regime) => regime switch
    {
        Regime.Wkkgz => t["Wkkgz (zorg): oordeel binnen 6 weken"],
        Regime.Awb => t["Awb (overheid): afhandeling binnen 6 weken"],
        _ => t["Winkel: antwoord binnen de reactietijd"],
    };

    public string DateTime(DateTime utc) => Local(utc).ToString("g", CultureInfo.CurrentCulture);

    public string Label(Channel channel) => t[channel switch
    {
        Channel.Counter => "Balie",
        Channel.Phone => "Telefoon",
        Channel.Email => "E-mail",
        Channel.Web => "Website",
        _ => channel.ToString(),
    }];

    public string Label(ComplaintCategory category) => t[category switch
    {
        ComplaintCategory.ProductDefect => "Productdefect",
        ComplaintCategory.Delivery => "Levering",
        ComplaintCategory.Service => "Service of bejegening",
        ComplaintCategory.Billing => "Facturering",
        ComplaintCategory.Other => "Anders",
        _ => category.ToString(),
    }];

    public string Label(ReceiptStatus receipt) => t[receipt switch
    {
        ReceiptStatus.Yes => "Ja",
        ReceiptStatus.No => "Nee",
        ReceiptStatus.Unknown => "Onbekend",
        _ => receipt.ToString(),
    }];

    public string Label(MessageChannel channel) => t[channel switch
    {
        MessageChannel.Email => "per e-mail",
        MessageChannel.StatusPage => "op de statuspagina",
        MessageChannel.Desk => "van de balie",
        MessageChannel.Api => "via een koppeling",
        _ => channel.ToString(),
    }];

    public string Label(ResolutionType type) => t[type switch
    {
        ResolutionType.Refund => "Terugbetaling",
        ResolutionType.Replacement => "Vervanging",
        ResolutionType.Repair => "Reparatie",
        ResolutionType.Voucher => "Tegoedbon",
        ResolutionType.Apology => "Excuses/anders",
        _ => type.ToString(),
    }];

    public string Label(RefundMethod method) => t[method switch
    {
        RefundMethod.Cash => "Contant",
        RefundMethod.Card => "Pin of creditcard",
        RefundMethod.BankTransfer => "Bankoverschrijving",
        RefundMethod.OriginalPayment => "Oorspronkelijke betaalwijze",
        _ => method.ToString(),
    }];

    /// <summary>The customer-facing status, in plain words.</summary>
    public string Label(ComplaintStatus status) => t[status switch
    {
        ComplaintStatus.Received => "Ontvangen",
        ComplaintStatus.Resolved => "Opgelost",
        ComplaintStatus.Investigating => "Oorzaak in onderzoek",
        ComplaintStatus.Closed => "Afgerond",
        _ => status.ToString(),
    }];

    public string Label(InvestigationStatus status) => t[status switch
    {
        InvestigationStatus.Open => "Open",
        InvestigationStatus.InProgress => "In behandeling",
        InvestigationStatus.Fixed => "Opgelost",
        InvestigationStatus.Verified => "Geverifieerd",
        InvestigationStatus.ClosedWithoutCause => "Gesloten zonder oorzaak",
        InvestigationStatus.Merged => "Samengevoegd",
        _ => status.ToString(),
    }];

    /// <summary>The six M's, in Dutch first: Mens, Methode, Machine, Materiaal, Meting, Milieu.</summary>
    public string Label(CauseCategory cause) => t[cause switch
    {
        CauseCategory.People => "Mens",
        CauseCategory.Process => "Methode",
        CauseCategory.Equipment => "Machine",
        CauseCategory.Materials => "Materiaal",
        CauseCategory.Measurement => "Meting",
        CauseCategory.Environment => "Milieu",
        _ => cause.ToString(),
    }];

    public string Label(TimelineEventKind kind) => t[kind switch
    {
        TimelineEventKind.Received => "Klacht ontvangen",
        TimelineEventKind.Resolved => "Oplossing gegeven",
        TimelineEventKind.QueuedForInvestigation => "Oorzaakonderzoek aangevraagd",
        TimelineEventKind.JoinedInvestigation => "Toegevoegd aan oorzaakonderzoek",
        TimelineEventKind.Closed => "Afgerond",
        TimelineEventKind.CoSigned => "Meegetekend door manager",
        TimelineEventKind.Corrected => "Gegevens gecorrigeerd",
        TimelineEventKind.MovedToInvestigation => "Verplaatst naar ander onderzoek",
        TimelineEventKind.FeedbackGiven => "Tevredenheid gegeven",
        TimelineEventKind.LinkedToCustomer => "Gekoppeld aan bekende klant",
        TimelineEventKind.MessageReceived => "Bericht van de klant",
        TimelineEventKind.ReplySent => "Antwoord aan de klant",
        TimelineEventKind.StoreChanged => "Winkel gewijzigd",
        TimelineEventKind.PromiseExtended => "Termijn verlengd",
        TimelineEventKind.ClockPaused => "Termijn staat stil (wacht op de klant)",
        TimelineEventKind.ClockResumed => "Termijn loopt weer",
        TimelineEventKind.Imported => "Geïmporteerd uit de vorige helpdesk",
        TimelineEventKind.RefundPaid => "Terugbetaald",
        _ => kind.ToString(),
    }];

    public string Label(Mail.MailKind kind) => t[kind switch
    {
        Mail.MailKind.Resolved => "Bevestiging van de oplossing",
        Mail.MailKind.Received => "Ontvangstbevestiging",
        Mail.MailKind.Improvement => "Wat we verbeterden",
        Mail.MailKind.Reply => "Antwoord van de balie",
        Mail.MailKind.MessageReceived => "Ontvangst van een bericht",
        Mail.MailKind.Extended => "Bericht over meer tijd",
        _ => kind.ToString(),
    }];

    /// <summary>Where a letter to the customer stands, for the desk that gets the call "I never got the e-mail".</summary>
    public string State(Mail.OutgoingMail mail, bool givenUp)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return mail switch
        {
            { BouncedAt: { } bounced } => t["Teruggekomen op {0}: het adres nam de e-mail niet aan. Neem op een andere manier contact op met de klant.", DateTime(bounced)],
            { SentAt: not null, LastError: Mail.OutgoingMail.NothingToSend } => t["Niet verstuurd: de klant heeft geen e-mailadres meer."],
            { SentAt: { } sent } => t["Verstuurd op {0}.", DateTime(sent)],
            _ when givenUp => t["Niet gelukt na {0} pogingen. Neem op een andere manier contact op met de klant.", mail.Attempts],
            _ => t["Nog niet verstuurd; de volgende poging is vanaf {0}.", DateTime(mail.AvailableAt)],
        };
    }

    /// <summary>The names of corrected fields, as stored on the timeline ("ProductName,Description"), in words.</summary>
    public string FieldLabels(string fields) => string.Join(", ", fields.Split(',').Select(field => t[field switch
    {
        nameof(Complaint.Channel) => "Binnengekomen via",
        nameof(Complaint.Category) => "Categorie",
        nameof(Complaint.ProductName) => "Product",
        nameof(Complaint.ArticleNumber) => "Artikelnummer",
        nameof(Complaint.PurchaseDate) => "Aankoopdatum",
        nameof(Complaint.PurchasePlace) => "Gekocht in",
        nameof(Complaint.Receipt) => "Bon",
        nameof(Complaint.Description) => "Omschrijving",
        _ => field,
    }].Value));

    public string Label(Auditing.AuditAction action) => t[action switch
    {
        Auditing.AuditAction.ComplaintRecorded => "Klacht vastgelegd en opgelost",
        Auditing.AuditAction.ComplaintResolved => "Online klacht opgelost",
        Auditing.AuditAction.ComplaintCorrected => "Klacht gecorrigeerd",
        Auditing.AuditAction.InvestigationStarted => "Onderzoek in behandeling genomen",
        Auditing.AuditAction.InvestigationAssigned => "Onderzoek toegewezen",
        Auditing.AuditAction.InvestigationAnalysed => "Analyse opgeslagen",
        Auditing.AuditAction.InvestigationFixed => "Onderzoek opgelost",
        Auditing.AuditAction.InvestigationVerified => "Verbetering geverifieerd",
        Auditing.AuditAction.InvestigationClosed => "Onderzoek gesloten zonder oorzaak",
        Auditing.AuditAction.ComplaintMoved => "Klacht verplaatst",
        Auditing.AuditAction.InvestigationMerged => "Onderzoeken samengevoegd",
        Auditing.AuditAction.InvestigationSplit => "Onderzoek gesplitst",
        Auditing.AuditAction.TrustFlagSet => "Vertrouwensmarkering gezet",
        Auditing.AuditAction.TrustFlagLifted => "Vertrouwensmarkering opgeheven",
        Auditing.AuditAction.StaffCreated => "Account aangemaakt",
        Auditing.AuditAction.StaffUpdated => "Account gewijzigd",
        Auditing.AuditAction.StaffDeactivated => "Account uitgeschakeld",
        Auditing.AuditAction.StaffReactivated => "Account weer actief",
        Auditing.AuditAction.StaffPasswordLinkSent => "Wachtwoordlink gestuurd",
        Auditing.AuditAction.SettingsChanged => "Instellingen gewijzigd",
        Auditing.AuditAction.CustomerExported => "Klantgegevens geëxporteerd",
        Auditing.AuditAction.CustomerErased => "Klantgegevens gewist",
        Auditing.AuditAction.ApiKeyCreated => "API-sleutel aangemaakt",
        Auditing.AuditAction.ApiKeyRevoked => "API-sleutel ingetrokken",
        Auditing.AuditAction.ComplaintLinkedToCustomer => "Klacht gekoppeld aan bekende klant",
        Auditing.AuditAction.ReplySent => "Antwoord aan klant gestuurd",
        Auditing.AuditAction.SavedReplyChanged => "Standaardantwoord gewijzigd",
        Auditing.AuditAction.StoreSaved => "Winkel opgeslagen",
        Auditing.AuditAction.StoreClosed => "Winkel gesloten",
        Auditing.AuditAction.StoresImported => "Winkels geïmporteerd",
        Auditing.AuditAction.StaffStoresChanged => "Winkels van medewerker gewijzigd",
        Auditing.AuditAction.ComplaintStoreChanged => "Winkel van klacht gewijzigd",
        Auditing.AuditAction.StaffSignedIn => "Ingelogd",
        Auditing.AuditAction.StaffSignedOut => "Uitgelogd door de inlogdienst",
        Auditing.AuditAction.CoSigned => "Meegetekend",
        Auditing.AuditAction.CoSignPinSet => "Meeteken-PIN ingesteld",
        Auditing.AuditAction.ClosingDaysChanged => "Sluitingsdagen gewijzigd",
        Auditing.AuditAction.WebhookEndpointChanged => "Webhook gewijzigd",
        Auditing.AuditAction.HelpdeskImported => "Klachten geïmporteerd",
        Auditing.AuditAction.StaffProviderLinkAllowed => "Koppeling met organisatieaccount gewijzigd",
        Auditing.AuditAction.StaffLinkedToProvider => "Gekoppeld aan organisatieaccount",
        Auditing.AuditAction.StaffSignInRefused => "Aanmelding via organisatieaccount geweigerd",
        Auditing.AuditAction.RefundPaid => "Terugbetaling betaald",
        _ => action.ToString(),
    }];

    /// <summary>What is wrong with a store's details, in the reader's language: one message per rule.</summary>
    /// <summary>
    /// An audit entry's detail in the reader's language: a note (<see cref="Auditing.AuditDetail"/>) with its values
    /// rendered here; a plain value, and entries written before notes existed, as stored.
    /// </summary>
    public string? AuditDetail(string? detail)
    {
        if (!Auditing.AuditDetail.TryRead(detail, out var note, out var values))
        {
            return detail;
        }

        string V(int i) => i < values.Count ? values[i] ?? string.Empty : string.Empty;
        return note switch
        {
            Auditing.AuditNote.CoSignedWith => V(1) == nameof(Complaints.CoSignMethod.Pin) ? t["{0} tekende mee met de meeteken-PIN ({1})", V(0), V(2)] : t["{0} tekende mee met het wachtwoord ({1})", V(0), V(2)],
            Auditing.AuditNote.ApiKeyMade => V(2).Length == 0 ? t["{0}: {1}; voor alle winkels", V(0), V(1)] : t["{0}: {1}; {2}", V(0), V(1), V(2)],
            Auditing.AuditNote.ReceivedThroughApi => t["ontvangen via de API, nog niet opgelost"],
            Auditing.AuditNote.SignInRefused => t["{0} via {1}: {2}", V(0), V(1), V(2) switch
            {
                "AlreadyLinked" => t["al gekoppeld aan een ander organisatieaccount"],
                "NotAllowed" => t["niet vrijgegeven om te koppelen"],
                _ => t["de inlogdienst bevestigt het e-mailadres niet (email_verified)"],
            }],
            Auditing.AuditNote.SignedInThroughProvider => t["{0} via {1}", V(0), V(1)],
            Auditing.AuditNote.CreatedBySignIn => t["{0} (eenmalige aanmelding)", V(0)],
            Auditing.AuditNote.LinkedToProvider => t["{0} gekoppeld aan {1}", V(0), V(1)],
            Auditing.AuditNote.SignedOutByProvider => t["{0}: uitgelogd door {1}", V(0), V(1)],
            Auditing.AuditNote.SignedInWithPassword => t["{0} met wachtwoord", V(0)],
            Auditing.AuditNote.InvitedWithProvider => t["{0} (met organisatieaccount)", V(0)],
            Auditing.AuditNote.LinkAllowed => t["koppelen toegestaan"],
            Auditing.AuditNote.LinkWithdrawn => t["koppelen ingetrokken"],
            Auditing.AuditNote.Unlinked => t["ontkoppeld"],
            Auditing.AuditNote.Deleted => t["verwijderd"],
            Auditing.AuditNote.Reopened => t["weer geopend"],
            Auditing.AuditNote.ImportQueued => t["{0} rij(en) in de wachtrij", V(0)],
            Auditing.AuditNote.ImportStopped => t["gestopt na {0} van {1} rij(en)", V(0), V(1)],
            Auditing.AuditNote.StoresImported => t["{0} nieuw, {1} bijgewerkt, {2} ongewijzigd", V(0), V(1), V(2)],
            Auditing.AuditNote.ComplaintsImported => t["{0} nieuw, {1} bijgewerkt, {2} ongewijzigd; {3} nieuwe klanten", V(0), V(1), V(2), V(3)],
            Auditing.AuditNote.WebhookCreated => t["aangemaakt: {0} ({1})", V(0), V(1)],
            Auditing.AuditNote.WebhookPaused => t["gepauzeerd: {0}", V(0)],
            Auditing.AuditNote.WebhookResumed => t["aangezet: {0}", V(0)],
            Auditing.AuditNote.Erased => t["{0} klacht(en)", V(0)],
            Auditing.AuditNote.ClosingDaysAdded => t["{0} toegevoegd: {1}", V(0), V(1)],
            Auditing.AuditNote.ClosingDayRemoved => t["verwijderd: {0}", V(0)],
            Auditing.AuditNote.ComplaintsMovedTo => t["{0} open klacht(en) naar {1}", V(0), V(1)],
            _ => string.Join(" ", values),
        };
    }

    public string Label(StoreProblem problem) => t[problem switch
    {
        StoreProblem.CodeInvalid => "De winkelcode bestaat uit 1 tot 20 letters, cijfers of streepjes, zoals UTR-01.",
        StoreProblem.NameMissing => "Vul de naam van de winkel in.",
        StoreProblem.NameTooLong => "De naam is te lang: gebruik hoogstens 100 tekens.",
        StoreProblem.CityMissing => "Vul de plaats van de winkel in.",
        StoreProblem.CityTooLong => "De plaats is te lang: gebruik hoogstens 100 tekens.",
        StoreProblem.AddressTooLong => "Het adres is te lang: gebruik hoogstens 200 tekens.",
        StoreProblem.PhoneTooLong => "Het telefoonnummer is te lang: gebruik hoogstens 30 tekens.",
        StoreProblem.EmailInvalid => "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl, of laat het leeg.",
        StoreProblem.CoSignLimitInvalid => "De meeteken-limiet is een bedrag boven € 0,00 en hoogstens € 100.000,00, of leeg (dan geldt die van de organisatie).",
        StoreProblem.BudgetInvalid => "Het maandbudget is een bedrag boven € 0,00, of leeg (geen budget).",
        _ => problem.ToString(),
    }];

    /// <summary>A weekday's opening hours, "09:00–18:00" or "gesloten"/"closed".</summary>
    public string Hours(DayHours? hours) => hours is { } h
        ? $"{h.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}–{h.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}"
        : t["gesloten"];

    /// <summary>
    /// Opening hours in one line in the reader's language, consecutive days with the same hours together:
    /// "maandag–vrijdag 09:00–18:00, zaterdag 10:00–17:00, zondag gesloten".
    /// </summary>
    public string Hours(OpeningHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var parts = new List<string>();
        var week = OpeningHours.Week;
        for (var start = 0; start < week.Count;)
        {
            var end = start;
            while (end + 1 < week.Count && hours[week[end + 1]] == hours[week[start]])
            {
                end++;
            }

            var days = end == start ? DayName(week[start]) : $"{DayName(week[start])}–{DayName(week[end])}";
            parts.Add($"{days} {Hours(hours[week[start]])}");
            start = end + 1;
        }

        return string.Join(", ", parts);
    }

    /// <summary>
    /// The organisation's opening hours as set (stored form, <see cref="OpeningHours"/>), or older free text as it is.
    /// Every page's footer shows them, so the line is made once per stored text and language, not per request.
    /// </summary>
    public string Hours(string stored)
    {
        if (stored is null || !stored.StartsWith("mo=", StringComparison.Ordinal))
        {
            return stored ?? string.Empty;
        }

        if (HoursLines.Count > 1_000)
        {
            HoursLines.Clear(); // stores' hours are few; this only bounds a pathological number of edits
        }

        return HoursLines.GetOrAdd((CultureInfo.CurrentCulture.Name + "|" + CultureInfo.CurrentUICulture.Name, stored), key => Hours(OpeningHours.Parse(key.Stored)));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Culture, string Stored), string> HoursLines = new();

    /// <summary>The weekday's name in the reader's language ("maandag", "Monday").</summary>
    public static string DayName(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);

    /// <summary>What the customer received, as one plain sentence.</summary>
    public string Received(Resolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return resolution.Type switch
        {
            ResolutionType.Refund => t["U krijgt {0} terug via: {1}.", Money(resolution.AmountCents ?? 0), Label(resolution.RefundMethod ?? RefundMethod.OriginalPayment).ToLower(CultureInfo.CurrentCulture)],
            ResolutionType.Voucher => t["U krijgt een tegoedbon van {0}.", Money(resolution.AmountCents ?? 0)],
            ResolutionType.Replacement => t["U krijgt een vervangend product: {0}", resolution.Note ?? string.Empty],
            ResolutionType.Repair => t["Wij repareren het product: {0}", resolution.Note ?? string.Empty],
            _ => t["{0}", resolution.Note ?? string.Empty],
        };
    }

    private DateTime Local(DateTime utc) => Organisation.OrganisationCalendar.LocalIn(utc, Zone);
}
