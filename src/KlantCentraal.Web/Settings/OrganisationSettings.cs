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
/// Keeps the saved settings in memory (30 seconds at most, so other instances pick up a change too) and applies
/// them on top of configuration every time options are read per request (IOptionsSnapshot): a saved change
/// takes effect without a restart.
/// </summary>
public sealed class SettingsStore(IServiceScopeFactory scopes, TimeProvider time) :
    IConfigureOptions<OrganisationOptions>, IConfigureOptions<PolicyOptions>, IConfigureOptions<InvestigationOptions>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private (OrganisationSettings? Value, DateTimeOffset LoadedAt)? _cached;

    /// <summary>Forgets the cached row: the next read loads the saved one.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }

    public OrganisationSettings? Current()
    {
        lock (_gate)
        {
            if (_cached is { } cached && time.GetUtcNow() - cached.LoadedAt < Lifetime)
            {
                return cached.Value;
            }
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var value = db.OrganisationSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefault();
        lock (_gate)
        {
            _cached = (value, time.GetUtcNow());
        }

        return value;
    }

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
