using StackExchange.Redis;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// The Redis server that several instances of the app share when <c>ConnectionStrings:Redis</c> names one: the rate
/// limits count there and SignalR messages travel through it. Without it every instance keeps both in its own memory,
/// which is right for one instance. The connection is made on first use and reconnects by itself.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;

    private SharedRedis(string configuration)
    {
        Options = ConfigurationOptions.Parse(configuration);
        Options.AbortOnConnectFail = false;
        Options.ClientName ??= "klantcentraal";
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(Options));
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
    /// <summary>Registers the shared Redis (when configured) so that the container disposes its connection.</summary>
    public static IServiceCollection AddSharedRedis(this IServiceCollection services, SharedRedis? redis)
    {
        if (redis is not null)
        {
            services.AddSingleton(_ => redis);
            services.AddHealthChecks().AddAsyncCheck("redis", async _ =>
            {
                try
                {
                    await redis.Connection.GetDatabase().PingAsync();
                    return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
                }
                catch (RedisException ex)
                {
                    return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Redis does not answer.", ex);
                }
            });
        }

        return services;
    }
}
