using KlantCentraal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Mail;

/// <summary>Letters' registrations.</summary>
public static class MailServices
{
    /// <summary>Letters to customers: owed in the outbox with what they confirm, sent at once, retried by a worker.</summary>
    public static IServiceCollection AddCustomerMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.Configure<MailOutboxOptions>(configuration.GetSection(MailOutboxOptions.Section));
        services.AddSingleton<Mailer>();
        services.AddScoped<CustomerLetters>();
        services.AddScoped<MailOutbox>();
        // Letters owed in bulk wake the worker at once; without a worker here, another instance's takes them.
        services.AddSingleton<WorkSignal<MailOutbox>>();
        services.AddHealthChecks().AddCheck<LettersWaitingHealthCheck>("letters");
        if (configuration.GetValue($"{MailOutboxOptions.Section}:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<MailOutbox>("Mail outbox", sp => sp.GetRequiredService<IOptions<MailOutboxOptions>>().Value.PollInterval, (outbox, ct) => outbox.ProcessPendingAsync(ct), signalled: true);
        }

        return services;
    }
}
