using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Settings;

/// <summary>
/// Keeps the saved settings in memory and applies them on top of configuration when options are built. Options are
/// read through IOptionsMonitor, which builds them once and keeps them (binding configuration on every request cost
/// a tenth of the home page's CPU, docs/performance.md); every refresh empties that cache, so a saved change takes
/// effect without a restart. Reading options never touches the database: the row is read at start, right after a
/// save, and every <see cref="RefreshInterval"/> (so other instances pick up a change too).
/// </summary>
public sealed class SettingsStore(IServiceScopeFactory scopes, IServiceProvider services) :
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
        services.GetRequiredService<IOptionsMonitorCache<OrganisationOptions>>().Clear();
        services.GetRequiredService<IOptionsMonitorCache<PolicyOptions>>().Clear();
        services.GetRequiredService<IOptionsMonitorCache<InvestigationOptions>>().Clear();
        // The cached public pages show the organisation's name, phone and hours.
        await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PublicPageCache.Tag, cancellationToken);
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
            options.Regime = s.Regime;
            options.Regimes = s.Regimes;
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
