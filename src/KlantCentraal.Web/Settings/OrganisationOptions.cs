namespace KlantCentraal.Web.Settings;

/// <summary>The organisation's details shown to customers on every page. Defaults come from configuration.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    public string Name { get; set; } = "KlantCentraal";

    public string Phone { get; set; } = "020 123 45 67";

    public string Email { get; set; } = "klantenservice@klantcentraal.test";

    /// <summary>
    /// When customer service can be reached, per weekday in the stored form of <see cref="Domain.OpeningHours"/>
    /// ("mo=09:00-17:00;…;su="), shown in the reader's language. Older free text is shown as it is.
    /// </summary>
    public string OpeningHours { get; set; } = Weekdays("09:00-17:00");

    /// <summary>Monday to Friday with these hours, the weekend closed.</summary>
    public static string Weekdays(string hours) => $"mo={hours};tu={hours};we={hours};th={hours};fr={hours};sa=;su=";

    /// <summary>Working days within which the desk answers an online complaint: promised to the customer.</summary>
    public int OnlineResponseWorkingDays { get; set; } = 2;

    /// <summary>The rules complaints' promises run under (issue 28): a shop's own (default), the Wkkgz or the Awb.</summary>
    public Domain.Regime Regime { get; set; }

    /// <summary>Categories that run under another regime than <see cref="Regime"/> (a pharmacy's medicines under the Wkkgz).</summary>
    public Dictionary<Domain.ComplaintCategory, Domain.Regime> Regimes { get; set; } = [];

    /// <summary>The regime of a complaint in this category.</summary>
    public Domain.Regime RegimeFor(Domain.ComplaintCategory? category) =>
        category is { } c && Regimes.TryGetValue(c, out var own) ? own : Regime;

    /// <summary>Times are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>The phone number as a tel: link target.</summary>
    public string PhoneHref => "tel:" + new string(Phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
}
