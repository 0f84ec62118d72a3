using KlantCentraal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Investigations;

/// <summary>The manager's side's registrations.</summary>
public static class InvestigationServices
{
    /// <summary>The manager's steps on investigations, and the root-cause queue: complaints resolved at the desk grouped into investigations by a worker.</summary>
    public static IServiceCollection AddInvestigations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<InvestigationSteps>();
        services.Configure<RootCauseQueueOptions>(configuration.GetSection(RootCauseQueueOptions.Section));
        services.AddScoped<RootCauseQueueProcessor>();
        if (configuration.GetValue($"{RootCauseQueueOptions.Section}:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<RootCauseQueueProcessor>("Root-cause queue", sp => sp.GetRequiredService<IOptions<RootCauseQueueOptions>>().Value.PollInterval, (queue, ct) => queue.ProcessPendingAsync(ct));
        }

        return services;
    }
}
