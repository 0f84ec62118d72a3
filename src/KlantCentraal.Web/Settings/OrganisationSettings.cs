using System.Text.Json;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
        CoSignAboveCents = Money.FromEuros(policy.CoSignAboveEuros).Cents,
        ServiceLevelWorkingDays = investigations.ServiceLevelWorkingDays,
        GroupingWindowDays = investigations.GroupingWindowDays,
        Owners = new Dictionary<ComplaintCategory, string>(investigations.Owners),
    };
}

/// <summary>
/// Keeps the saved settings in memory and applies them on top of configuration every time options are read per
/// request (IOptionsSnapshot): a saved change takes effect without a restart. Reading options never touches the
/// database: the row is read at start, right after a save, and every <see cref="RefreshInterval"/> (so other
/// instances pick up a change too).
/// </summary>
public sealed class SettingsStore(IServiceScopeFactory scopes) :
    IConfigureOptions<OrganisationOptions>, IConfigureOptions<PolicyOptions>, IConfigureOptions<InvestigationOptions>
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private volatile OrganisationSettings? _current;

    /// <summary>Reads the saved row (none until an administrator saves).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _current = await db.OrganisationSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public OrganisationSettings? Current() => _current;

    public void Configure(OrganisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Current() is { } s)
        {
            options.Name = s.Name;
            options.Phone = s.Phone;
            options.Email = s.Email;
            options.OpeningHours = s.OpeningHours;
            options.OnlineResponseWorkingDays = s.OnlineResponseWorkingDays;
        }
    }

    public void Configure(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Current() is { } s)
        {
            options.CoSignAboveEuros = new Money(s.CoSignAboveCents).Euros;
        }
    }

    public void Configure(InvestigationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Current() is { } s)
        {
            options.ServiceLevelWorkingDays = s.ServiceLevelWorkingDays;
            options.GroupingWindowDays = s.GroupingWindowDays;
            options.Owners = s.Owners;
        }
    }
}
