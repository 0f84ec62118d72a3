using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Mail;

namespace KlantCentraal.Web.Conversations;

/// <summary>Conversations' registrations.</summary>
public static class ConversationServices
{
    /// <summary>Conversations: messages and attachments, the desk's live inbox, and the complaints mailbox when configured.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration, SharedRedis? redis)
    {
        services.Configure<AttachmentOptions>(configuration.GetSection(AttachmentOptions.Section));
        services.AddSingleton<AttachmentRules>();
        services.AddScoped<ConversationDesk>();
        services.AddScoped<SavedReplies>();
        services.AddSingleton<InboxNotifier>();
        services.AddSingleton<LiveConnections>();
        var signalR = services.AddSignalR();
        if (redis is not null)
        {
            // The backplane: a change published on one instance reaches the desks connected to any other.
            signalR.AddStackExchangeRedis(options =>
            {
                options.Configuration = redis.Options.Clone();
                options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(SharedRedis.Prefix);
            });
        }

        services.Configure<InboundMailOptions>(configuration.GetSection(InboundMailOptions.Section));
        services.AddSingleton<InboundMailStatus>();
        services.AddHttpClient(nameof(MailTokens), client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<MailTokens>();
        services.AddScoped<InboundMailbox>();
        services.AddScoped<InboundMessageReader>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{InboundMailOptions.Section}:Host"]) && configuration.GetValue($"{InboundMailOptions.Section}:WorkerEnabled", true))
        {
            // Keeps the mailbox watched: one kept connection in IMAP IDLE where the server offers it (an e-mail is in the
            // inbox within moments), a round every PollInterval where it does not and after a failure (the status's
            // back-off decides when the next attempt connects).
            services.AddPeriodicWorker<InboundMailbox>("Inbound mail", sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<InboundMailOptions>>().Value.PollInterval, (mailbox, ct) => mailbox.WatchAsync(ct));
        }

        return services;
    }
}
