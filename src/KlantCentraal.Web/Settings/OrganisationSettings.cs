using System.Text.Json;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Settings;

/// <summary>
/// The organisation's settings as an administrator saved them: one row. Until the first save, configuration
/// gives every value. Values here override configuration for <see cref="OrganisationOptions"/>,
/// <see cref="PolicyOptions"/> and <see cref="InvestigationOptions"/>.
/// </summary>
public sealed class OrganisationSettings
{
    public int Id { get; set; } = 1;

    public string Name { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string OpeningHours { get; set; } = string.Empty;

    public int OnlineResponseWorkingDays { get; set; }

    public long CoSignAboveCents { get; set; }

    public int ServiceLevelWorkingDays { get; set; }

    public int GroupingWindowDays { get; set; }

    public Regime Regime { get; set; }

    /// <summary>Category → regime where it differs from <see cref="Regime"/>, as JSON.</summary>
    public string RegimesJson { get; set; } = "{}";

    // Regimes by name ("Wkkgz"), so the audit log reads what changed.
    private static readonly JsonSerializerOptions ByName = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public Dictionary<ComplaintCategory, Regime> Regimes
    {
        get => JsonSerializer.Deserialize<Dictionary<ComplaintCategory, Regime>>(RegimesJson, ByName) ?? [];
        set => RegimesJson = JsonSerializer.Serialize(value, ByName);
    }

    /// <summary>Category → manager e-mail, as JSON.</summary>
    public string OwnersJson { get; set; } = "{}";

    public int Version { get; set; }

    public Dictionary<ComplaintCategory, string> Owners
    {
        get => JsonSerializer.Deserialize<Dictionary<ComplaintCategory, string>>(OwnersJson) ?? [];
        set => OwnersJson = JsonSerializer.Serialize(value);
    }

    public static OrganisationSettings From(OrganisationOptions organisation, PolicyOptions policy, InvestigationOptions investigations) => new()
    {
        Name = organisation.Name,
        Phone = organisation.Phone,
        Email = organisation.Email,
        OpeningHours = organisation.OpeningHours,
        OnlineResponseWorkingDays = organisation.OnlineResponseWorkingDays,
        Regime = organisation.Regime,
        Regimes = new Dictionary<ComplaintCategory, Regime>(organisation.Regimes),
        CoSignAboveCents = Money.FromEuros(policy.CoSignAboveEuros).Cents,
        ServiceLevelWorkingDays = investigations.ServiceLevelWorkingDays,
        GroupingWindowDays = investigations.GroupingWindowDays,
        Owners = new Dictionary<ComplaintCategory, string>(investigations.Owners),
    };
}
