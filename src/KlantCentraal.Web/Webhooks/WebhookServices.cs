using KlantCentraal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Webhooks;

/// <summary>Outgoing webhooks' registrations.</summary>
public static class WebhookServices
{
    /// <summary>Outgoing webhooks (issue 29): the outbox's events sent by every instance that runs the sender, through a client that connects to public addresses only.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddScoped<Webhooks>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookEndpoints>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ConnectCallback = (context, ct) => WebhookSender.PinnedConnect(context, sp.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.AllowPrivateNetworks, ct),
            });
        if (configuration.GetValue("Webhooks:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<WebhookSender>("Webhooks", sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.PollInterval, (sender, ct) => sender.ProcessPendingAsync(ct));
        }

        return services;
    }
}
