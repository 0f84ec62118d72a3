namespace KlantCentraal.Web.Organisation;

/// <summary>The organisation's details shown to customers on every page. Defaults come from configuration.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    public string Name { get; set; } = "KlantCentraal";

    public string Phone { get; set; } = "020 123 45 67";

    public string Email { get; set; } = "klantenservice@klantcentraal.test";

    public string OpeningHours { get; set; } = "ma–vr 9.00–17.00";

    /// <summary>Working days within which the desk answers an online complaint: promised to the customer.</summary>
    public int OnlineResponseWorkingDays { get; set; } = 2;

    /// <summary>Times are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>The phone number as a tel: link target.</summary>
    public string PhoneHref => "tel:" + new string(Phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
}
