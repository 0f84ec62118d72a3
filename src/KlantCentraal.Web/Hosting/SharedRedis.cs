using StackExchange.Redis;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// The Redis server that several instances of the app share when <c>ConnectionStrings:Redis</c> names one: the rate
/// limits count there and SignalR messages travel through it. Without it every instance keeps both in its own memory,
/// which is right for one instance. The connection is made on first use and reconnects by itself.
/// While Redis does not answer the app degrades instead of failing (issue 30): the limits count in each instance, live
/// updates reach the instance's own desks, a warning is logged once per outage and /health/ready says Degraded.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;
    private int _warned;

    private SharedRedis(string configuration)
    {
        Options = ConfigurationOptions.Parse(configuration);
        Options.AbortOnConnectFail = false;
        Options.ClientName ??= "klantcentraal";
        // A second at most for a Redis that does not answer (the library waits five): a customer's request never
        // waits longer than that for a counter, and the health check answers within its own timeout.
        foreach (var (setting, apply) in new (string, Action)[]
                 {
                     ("connectTimeout", () => Options.ConnectTimeout = 1000),
                     ("syncTimeout", () => Options.SyncTimeout = 1000),
                     ("asyncTimeout", () => Options.AsyncTimeout = 1000),
                 })
        {
            if (!configuration.Contains(setting, StringComparison.OrdinalIgnoreCase))
            {
                apply();
            }
        }

        _connection = new Lazy<ConnectionMultiplexer>(() =>
        {
            var connection = ConnectionMultiplexer.Connect(Options);
            connection.ConnectionFailed += (_, e) => Failed(e.Exception);
            connection.ConnectionRestored += (_, _) =>
            {
                if (Interlocked.Exchange(ref _warned, 0) == 1)
                {
                    Logger.LogInformation("Redis answers again: rate limits and live updates are shared by the instances again");
                }
            };
            return connection;
        });
    }

    /// <summary>Set when the app starts (this object is made before the container).</summary>
    public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>False while the connection is down: the callers then use this instance's own state.</summary>
    public bool IsAvailable => Connection.IsConnected;

    /// <summary>Logs the outage once, until Redis answers again.</summary>
    public void Failed(Exception? exception)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Logger.LogWarning(exception, "Redis does not answer: rate limits count per instance and live updates reach this instance's desks only, until it is back");
        }
    }

    /// <summary>How to reach the server; SignalR's backplane makes (and disposes) a connection of its own from it.</summary>
    public ConfigurationOptions Options { get; }

    /// <summary>Every key and channel of the app starts with this, so one Redis can serve other apps too.</summary>
    public const string Prefix = "klantcentraal:";

    public IConnectionMultiplexer Connection => _connection.Value;

    /// <summary>The shared Redis when it is configured; null means in-process state.</summary>
    public static SharedRedis? From(IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? new SharedRedis(redis) : null;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}

public static class SharedRedisServices
{
    /// <summary>Each readiness check answers within this (an orchestrator's probe usually waits two seconds or more).</summary>
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Registers the shared Redis (when configured) so that the container disposes its connection.</summary>
    public static IServiceCollection AddSharedRedis(this IServiceCollection services, SharedRedis? redis)
    {
        if (redis is not null)
        {
            services.AddSingleton(sp =>
            {
                redis.Logger = sp.GetRequiredService<ILogger<SharedRedis>>();
                return redis;
            });
            // Degraded, not Unhealthy: without Redis every instance still serves everyone (issue 30).
            services.AddHealthChecks().AddAsyncCheck(
                "redis",
                async _ =>
                {
                    try
                    {
                        await redis.Connection.GetDatabase().PingAsync();
                        return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
                    }
                    catch (Exception ex) when (ex is RedisException or TimeoutException)
                    {
                        redis.Failed(ex);
                        return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded("Redis does not answer: rate limits count per instance, live updates stay on this instance.", ex);
                    }
                },
                timeout: HealthTimeout);
        }

        return services;
    }
}
