using KlantCentraal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Privacy;

/// <summary>Privacy's registrations.</summary>
public static class PrivacyServices
{
    /// <summary>Privacy retention: personal data past its period anonymised daily.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddScoped<RetentionProcessor>();
        if (configuration.GetValue($"{RetentionOptions.Section}:JobEnabled", true))
        {
            services.AddPeriodicWorker<RetentionProcessor>("Privacy retention", sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value.JobInterval, (retention, ct) => retention.RunAsync(ct));
        }

        return services;
    }
}
