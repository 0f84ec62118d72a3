using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using KlantCentraal.Domain;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// <c>OpenTelemetry:*</c> (ADR 0033): traces and metrics go to an OTLP collector when <see cref="Endpoint"/> is set; a
/// Prometheus scrape endpoint answers on <see cref="ScrapePath"/> when <see cref="PrometheusEnabled"/>, to whoever
/// sends <see cref="ScrapeToken"/> as a bearer token (the business figures are not for the internet).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";
    public const string ScrapePath = "/metrics";

    /// <summary>The OTLP collector, such as http://otel-collector:4317 (gRPC) or …:4318 with <see cref="Protocol"/> http/protobuf.</summary>
    public string? Endpoint { get; set; }

    /// <summary>grpc (the default) or http/protobuf.</summary>
    public string? Protocol { get; set; }

    public bool PrometheusEnabled { get; set; }

    /// <summary>The bearer token Prometheus sends (its scrape config's <c>authorization: credentials</c>); at least 16 characters.</summary>
    public string? ScrapeToken { get; set; }

    /// <summary>How often the queue and outbox backlog are counted for their gauges.</summary>
    public TimeSpan BacklogInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool Exports => !string.IsNullOrWhiteSpace(Endpoint) || PrometheusEnabled;

    /// <summary>What is wrong with the telemetry settings, one line each, for the start-up check.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[$"{Section}:Endpoint"] is { Length: > 0 } endpoint
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{Section}:Endpoint '{endpoint}' must be the absolute http(s) address of an OTLP collector, such as http://otel-collector:4317.";
        }

        if (configuration[$"{Section}:Protocol"] is { Length: > 0 } protocol && protocol is not ("grpc" or "http/protobuf"))
        {
            yield return $"{Section}:Protocol is '{protocol}': use grpc (the default) or http/protobuf.";
        }

        if (configuration.GetValue($"{Section}:PrometheusEnabled", false) && (configuration[$"{Section}:ScrapeToken"]?.Trim().Length ?? 0) < 16)
        {
            yield return $"{Section}:PrometheusEnabled is on, but {Section}:ScrapeToken is shorter than 16 characters: give a long random token, which Prometheus then sends as its bearer token.";
        }

        // Zero would stop the gauges' worker (a periodic timer takes no zero period), not the app: said at the start instead.
        if (configuration[$"{Section}:BacklogInterval"] is { Length: > 0 } interval
            && !(TimeSpan.TryParse(interval, System.Globalization.CultureInfo.InvariantCulture, out var every) && every >= TimeSpan.FromSeconds(1) && every <= TimeSpan.FromHours(1)))
        {
            yield return $"{Section}:BacklogInterval is '{interval}': give a time from 00:00:01 to 01:00:00, such as 00:00:15 (the default).";
        }
    }
}

/// <summary>
/// The business figures an operator watches (issue 30), on the meter <see cref="MeterName"/>: counters where the
/// work happens, gauges from the last <see cref="BacklogSampler"/> count and the mailbox's own state. Made once per
/// app through <see cref="IMeterFactory"/>, so that the test hosts of one process each have their own.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "KlantCentraal";

    private readonly Counter<long> _recorded;
    private readonly Counter<long> _resolved;
    private readonly Counter<double> _goodwill;
    private readonly Counter<long> _inboundEmails;
    private readonly Counter<long> _webhookFailures;
    private Backlog? _backlog;

    public AppMetrics(IMeterFactory meters, InboundMailStatus mailbox, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(configuration);
        var meter = meters.Create(MeterName);
        _recorded = meter.CreateCounter<long>("klantcentraal.complaints.recorded", "{complaint}", "Complaints recorded, per channel");
        _resolved = meter.CreateCounter<long>("klantcentraal.complaints.resolved", "{complaint}", "Complaints resolved, per channel and remedy");
        _goodwill = meter.CreateCounter<double>("klantcentraal.goodwill.granted", "EUR", "Money granted to customers (refunds and vouchers), per remedy");
        _inboundEmails = meter.CreateCounter<long>("klantcentraal.inbound_emails", "{email}", "E-mails read from the complaints mailbox, per outcome");
        _webhookFailures = meter.CreateCounter<long>("klantcentraal.webhook.deliveries.failed", "{delivery}", "Webhook deliveries that did not reach their endpoint");
        meter.CreateObservableGauge("klantcentraal.rootcause_queue.depth", () => Last(b => b.QueueDepth), "{item}", "Resolved complaints waiting for the root-cause worker");
        meter.CreateObservableGauge("klantcentraal.rootcause_queue.oldest_age", () => Last(b => b.QueueOldestSeconds), "s", "Age of the oldest item waiting in the root-cause queue");
        meter.CreateObservableGauge("klantcentraal.outbox.backlog", () => Last(b => b.LettersOwed), "{letter}", "Letters to customers owed and not yet sent");
        meter.CreateObservableGauge("klantcentraal.outbox.oldest_age", () => Last(b => b.OldestLetterSeconds), "s", "Age of the oldest letter owed");
        var watched = !string.IsNullOrWhiteSpace(configuration[$"{InboundMailOptions.Section}:Host"]);
        meter.CreateObservableGauge(
            "klantcentraal.mailbox.connected",
            () => watched ? [new Measurement<int>(mailbox.IsFailing || mailbox.LastSuccessAt is null ? 0 : 1)] : Array.Empty<Measurement<int>>(),
            "1",
            "1 while the complaints mailbox answers, 0 while it cannot be read");
    }

    public void Recorded(Channel channel) => _recorded.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));

    public void Resolved(Channel channel, ResolutionType remedy, Money? amount)
    {
        var tags = new TagList { { "channel", channel.ToString() }, { "remedy", remedy.ToString() } };
        _resolved.Add(1, tags);
        if (amount is { } money && money.Cents > 0)
        {
            _goodwill.Add((double)money.Euros, new KeyValuePair<string, object?>("remedy", remedy.ToString()));
        }
    }

    public void InboundEmail(InboundOutcome outcome) => _inboundEmails.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    public void WebhookFailed(string eventType) => _webhookFailures.Add(1, new KeyValuePair<string, object?>("event", eventType));

    internal void Observe(Backlog backlog) => _backlog = backlog;

    /// <summary>The last count, or no value at all before the first one (never a made-up zero).</summary>
    private Measurement<T>[] Last<T>(Func<Backlog, T> figure)
        where T : struct => _backlog is { } backlog ? [new Measurement<T>(figure(backlog))] : [];

    /// <summary>What waits, as last counted.</summary>
    internal sealed record Backlog(int QueueDepth, double QueueOldestSeconds, int LettersOwed, double OldestLetterSeconds);
}

/// <summary>Counts what waits in the root-cause queue and the mail outbox for the gauges: two small indexed queries per round.</summary>
public sealed class BacklogSampler(AppDbContext db, AppMetrics metrics, TimeProvider time, IOptions<Mail.MailOutboxOptions> outbox)
{
    public async Task<int> SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var queue = await db.RootCauseQueue.AsNoTracking()
            .Where(i => i.Status == QueueItemStatus.Pending)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Oldest = g.Min(i => i.EnqueuedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var maxAttempts = outbox.Value.MaxAttempts;
        var letters = await db.OutgoingMails.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < maxAttempts)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Oldest = g.Min(m => m.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        metrics.Observe(new AppMetrics.Backlog(
            queue?.Count ?? 0,
            queue is null ? 0 : Math.Max(0, (now - queue.Oldest).TotalSeconds),
            letters?.Count ?? 0,
            letters is null ? 0 : Math.Max(0, (now - letters.Oldest).TotalSeconds)));
        return 0;
    }
}

public static class Telemetry
{
    /// <summary>
    /// OpenTelemetry for ASP.NET Core, HttpClient and EF Core with the app's own meter; exported over OTLP when an
    /// endpoint is set and to Prometheus when enabled. Without either, nothing is collected (no cost).
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));
        services.AddSingleton<AppMetrics>();
        services.AddScoped<BacklogSampler>();
        if (!options.Exports)
        {
            return services;
        }

        services.AddPeriodicWorker<BacklogSampler>("Backlog gauges", _ => options.BacklogInterval, (sampler, ct) => sampler.SampleAsync(ct));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("KlantCentraal", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(AppMetrics.MeterName);
                if (options.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());
            telemetry.UseOtlpExporter(
                options.Protocol == "http/protobuf" ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc,
                new Uri(options.Endpoint));
        }

        return services;
    }

    /// <summary>The Prometheus scrape endpoint, when enabled: answered only to the bearer of the scrape token.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.PrometheusEnabled)
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes(options.ScrapeToken!.Trim());
        app.MapPrometheusScrapingEndpoint(TelemetryOptions.ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            // The scheme's case does not matter (RFC 9110); the token is compared in constant time.
            var given = System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
                && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetBytes(header.Parameter ?? string.Empty)
                : [];
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            await next(context);
        }), optionsName: null).AllowAnonymous();
        return app;
    }
}

/// <summary>The console's log lines: text with the date and the trace id (the default), or JSON with <c>Logging:Format=json</c>.</summary>
public static class ConsoleLog
{
    public const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}";

    public static Serilog.LoggerConfiguration AppConsole(this Serilog.Configuration.LoggerSinkConfiguration sink, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? Serilog.ConsoleLoggerConfigurationExtensions.Console(sink, new Serilog.Formatting.Compact.RenderedCompactJsonFormatter())
            : Serilog.ConsoleLoggerConfigurationExtensions.Console(sink, outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
