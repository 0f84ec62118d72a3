using KlantCentraal.Web.Hosting;

namespace KlantCentraal.Web.Organisation;

/// <summary>The organisation's registrations.</summary>
public static class OrganisationServices
{
    /// <summary>The organisation's days and deadlines, and the escalation: managers told once when a promise to a customer falls due soon (every 15 minutes).</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OrganisationCalendar>();
        services.AddScoped<Deadlines>();
        services.AddScoped<PromiseWatch>();
        if (configuration.GetValue("PromiseWatch:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<PromiseWatch>("Promise watch", _ => TimeSpan.FromMinutes(15), (watch, ct) => watch.RunAsync(ct));
        }

        return services;
    }
}
