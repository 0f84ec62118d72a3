using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Privacy;
using KlantCentraal.Web.Reporting;
using KlantCentraal.Web.Stores;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Hosting;

/// <summary>The work the app does, concern by concern, with the background workers that configuration switches on.</summary>
public static class AppServices
{
    /// <summary>The desk, the manager's side, stores, reports and the audit log: the services pages call.</summary>
    public static IServiceCollection AddComplaintWork(this IServiceCollection services)
    {
        services.AddSingleton<WriteGate>();
        services.AddSingleton<TrackingCodeSource>();
        services.AddSingleton<TrackingTokens>();
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<CoSigning>();
        services.AddScoped<InvestigationDesk>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<PromiseReport>();
        services.AddScoped<ManagementReview>();
        services.AddScoped<HelpdeskImport>();
        services.AddSingleton<DailyFigures>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, DailyFiguresInterceptor>();
        services.AddScoped<StoreAccess>();
        services.AddScoped<StoreDirectory>();
        services.AddScoped<StoreCsv>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<StartupSeeder>();
        return services;
    }

    /// <summary>The root-cause queue: complaints resolved at the desk grouped into investigations by a worker.</summary>
    public static IServiceCollection AddRootCauseQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RootCauseQueueOptions>(configuration.GetSection(RootCauseQueueOptions.Section));
        services.AddScoped<RootCauseQueueProcessor>();
        if (configuration.GetValue($"{RootCauseQueueOptions.Section}:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<RootCauseQueueProcessor>("Root-cause queue", sp => sp.GetRequiredService<IOptions<RootCauseQueueOptions>>().Value.PollInterval, (queue, ct) => queue.ProcessPendingAsync(ct));
        }

        return services;
    }

    /// <summary>Letters to customers: owed in the outbox with what they confirm, sent at once, retried by a worker.</summary>
    public static IServiceCollection AddCustomerMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.Configure<MailOutboxOptions>(configuration.GetSection(MailOutboxOptions.Section));
        services.AddSingleton<Mailer>();
        services.AddScoped<CustomerLetters>();
        services.AddScoped<MailOutbox>();
        services.AddHealthChecks().AddCheck<LettersWaitingHealthCheck>("letters");
        if (configuration.GetValue($"{MailOutboxOptions.Section}:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<MailOutbox>("Mail outbox", sp => sp.GetRequiredService<IOptions<MailOutboxOptions>>().Value.PollInterval, (outbox, ct) => outbox.ProcessPendingAsync(ct));
        }

        return services;
    }

    /// <summary>Conversations: messages and attachments, the desk's live inbox, and the complaints mailbox when configured.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration, SharedRedis? redis)
    {
        services.Configure<AttachmentOptions>(configuration.GetSection(AttachmentOptions.Section));
        services.AddSingleton<AttachmentRules>();
        services.AddScoped<ConversationDesk>();
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
        services.AddHttpClient(nameof(Mail.MailTokens), client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Mail.MailTokens>();
        services.AddScoped<InboundMailbox>();
        services.AddScoped<InboundMessageReader>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{InboundMailOptions.Section}:Host"]) && configuration.GetValue($"{InboundMailOptions.Section}:WorkerEnabled", true))
        {
            services.AddHostedService<MailboxWatcher>();
        }

        return services;
    }

    /// <summary>Outgoing webhooks (issue 29): the outbox's events sent by every instance that runs the sender, through a client that connects to public addresses only.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Webhooks.WebhookOptions>(configuration.GetSection(Webhooks.WebhookOptions.Section));
        services.AddScoped<Webhooks.Webhooks>();
        services.AddScoped<Webhooks.WebhookSender>();
        services.AddHttpClient(Webhooks.WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ConnectCallback = (context, ct) => Webhooks.WebhookSender.PinnedConnect(context, sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Webhooks.WebhookOptions>>().CurrentValue.AllowPrivateNetworks, ct),
            });
        if (configuration.GetValue("Webhooks:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<Webhooks.WebhookSender>("Webhooks", sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Webhooks.WebhookOptions>>().Value.PollInterval, (sender, ct) => sender.ProcessPendingAsync(ct));
        }

        return services;
    }

    /// <summary>The managers' weekly and quarterly reports by e-mail (issue 29), on the schedules of <c>Reports:*</c>, checked at start.</summary>
    public static IServiceCollection AddScheduledReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section))
            .Validate(o => ReportOptions.IsValid(o.WeeklyDigest), "Reports:WeeklyDigest is not a cron expression (five fields, such as \"0 7 * * 1\" for Monday 07:00).")
            .Validate(o => ReportOptions.IsValid(o.QuarterlyReview), "Reports:QuarterlyReview is not a cron expression (five fields, such as \"0 7 1 1,4,7,10 *\").")
            .ValidateOnStart();
        services.AddScoped<ScheduledReports>();
        if (configuration.GetValue("Reports:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<ScheduledReports>("Scheduled reports", _ => TimeSpan.FromMinutes(5), (reports, ct) => reports.RunAsync(ct));
        }

        return services;
    }

    /// <summary>Escalation: managers told once when a promise to a customer falls due soon (every 15 minutes).</summary>
    public static IServiceCollection AddPromiseWatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Organisation.PromiseWatch>();
        if (configuration.GetValue("PromiseWatch:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<Organisation.PromiseWatch>("Promise watch", _ => TimeSpan.FromMinutes(15), (watch, ct) => watch.RunAsync(ct));
        }

        return services;
    }

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
