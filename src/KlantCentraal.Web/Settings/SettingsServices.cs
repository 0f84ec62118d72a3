using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Organisation;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Settings;

public static class SettingsServices
{
    /// <summary>
    /// The organisation's settings: configuration first, then what an administrator saved (<see cref="SettingsStore"/>),
    /// applied when options are built (IOptionsMonitor, emptied on every refresh) and re-read by every instance.
    /// Links in e-mails come from Organisation:PublicBaseUrl, never from a request's Host header (docs/security.md).
    /// </summary>
    public static IServiceCollection AddSettings(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(PublicLinks.FromConfiguration(configuration, environment));
        services.Configure<OrganisationOptions>(configuration.GetSection(OrganisationOptions.Section));
        services.Configure<PolicyOptions>(configuration.GetSection(PolicyOptions.Section));
        services.AddOptions<FulfilmentOptions>().Bind(configuration.GetSection(FulfilmentOptions.Section))
            .Validate(o => o.RefundWithinWorkingDays is >= 1 and <= 60, "Fulfilment:RefundWithinWorkingDays is a number of working days from 1 to 60.")
            .ValidateOnStart();
        services.Configure<InvestigationOptions>(configuration.GetSection(InvestigationOptions.Section));
        services.Configure<Organisation.CalendarOptions>(configuration.GetSection(Organisation.CalendarOptions.Section));
        services.AddMemoryCache();
        services.AddSingleton<SettingsStore>();
        services.AddScoped<SettingsChanges>();
        services.AddSingleton<IConfigureOptions<OrganisationOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddSingleton<IConfigureOptions<PolicyOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddSingleton<IConfigureOptions<InvestigationOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        // Every instance re-reads the saved settings, so a change made through another instance applies here too.
        services.AddPeriodicWorker<SettingsStore>("Settings", _ => SettingsStore.RefreshInterval, async (store, ct) =>
        {
            await store.RefreshAsync(ct);
            return 0; // no work items, only a fresh copy
        });
        return services;
    }
}
