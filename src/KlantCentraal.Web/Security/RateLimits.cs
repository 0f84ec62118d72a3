using System.Threading.RateLimiting;
using KlantCentraal.Web.Hosting;
using RedisRateLimiting;

namespace KlantCentraal.Web.Security;

/// <summary>How often the public forms may be used. Generous for people, too slow for guessing or flooding.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Tracking-code lookups per client (IP address) per minute.</summary>
    public int LookupsPerClientPerMinute { get; set; } = 20;

    /// <summary>Lookups of one tracking code per hour, from anywhere: stops guessing the postcode of a known code.</summary>
    public int LookupsPerCodePerHour { get; set; } = 10;

    /// <summary>JSON API requests per API key per minute.</summary>
    public int ApiRequestsPerKeyPerMinute { get; set; } = 120;

    /// <summary>Online complaints per client per hour.</summary>
    public int ComplaintsPerClientPerHour { get; set; } = 5;

    /// <summary>Messages (and feedback) from the status page per client per hour.</summary>
    public int MessagesPerClientPerHour { get; set; } = 30;

    /// <summary>Back-channel logouts per client per minute: a provider sends one per session it ends; a flood of forged ones costs a signature check each.</summary>
    public int BackChannelLogoutsPerClientPerMinute { get; set; } = 60;
}

/// <summary>
/// Where the fixed-window counters of every limit live: in this process, or in the shared Redis when one is
/// configured, so that N instances together allow what one instance would (20 lookups a minute means 20 in all).
/// </summary>
public sealed class FixedWindows(SharedRedis? redis)
{
    public RateLimitPartition<string> Partition(string key, int permits, TimeSpan window)
    {
        var local = RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
        if (redis is null)
        {
            return local;
        }

        var shared = RedisRateLimitPartition.GetFixedWindowRateLimiter(SharedRedis.Prefix + key, _ => new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis.Connection,
            PermitLimit = permits,
            Window = window,
        });
        return RateLimitPartition.Get(key, k => new SharedOrLocal(redis, shared.Factory(SharedRedis.Prefix + k), local.Factory(k)));
    }

    /// <summary>A limiter with one window per resource (a tracking code, a client address).</summary>
    public PartitionedRateLimiter<string> Limiter(string name, int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(resource => Partition($"{name}:{resource}", permits, window));
}

/// <summary>
/// Counts in the shared Redis while it answers, and in this instance's own window while it does not (issue 30): a
/// Redis outage then lets each instance allow the full limit for a while, instead of taking every rate-limited
/// customer page down with it. <see cref="SharedRedis"/> logs the outage and /health/ready says Degraded.
/// </summary>
internal sealed class SharedOrLocal(SharedRedis redis, RateLimiter shared, RateLimiter local) : RateLimiter
{
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => redis.IsAvailable ? shared.GetStatistics() : local.GetStatistics();

    // The middleware asks synchronously first; a Redis limiter cannot answer that way and says no, so that it is asked again asynchronously.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => redis.IsAvailable ? shared.AttemptAcquire(permitCount) : local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.IsAvailable)
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                redis.Failed(ex);
            }
        }

        return await local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await shared.DisposeAsync();
        await local.DisposeAsync();
        await base.DisposeAsyncCore();
    }
}

/// <summary>The rate-limit policies of the public pages, with ASP.NET Core's rate limiter.</summary>
public static class RateLimits
{
    public const string Lookup = "lookup";
    public const string OnlineComplaint = "online-complaint";
    public const string Message = "message";
    public const string BackChannelLogout = "backchannel-logout";

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration, SharedRedis? redis)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var windows = new FixedWindows(redis);
        services.AddSingleton(windows);
        services.AddSingleton(new LookupThrottle(windows, options.LookupsPerCodePerHour));
        services.AddRateLimiter(limiter =>
        {
            // A refused request is re-executed as the friendly error page for 429 (see UseStatusCodePagesWithReExecute).
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Every 429 says when to come back: the limiter's own answer, else the longest window a policy here uses.
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "3600";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Lookup, http => PostsOnly(windows, http, "lookup", options.LookupsPerClientPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(OnlineComplaint, http => PostsOnly(windows, http, "complaint", options.ComplaintsPerClientPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Message, http => PostsOnly(windows, http, "message", options.MessagesPerClientPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(BackChannelLogout, http => PostsOnly(windows, http, "backchannel-logout", options.BackChannelLogoutsPerClientPerMinute, TimeSpan.FromMinutes(1)));
            // Per API key as authentication resolved it (the key's id), never per raw header: "bearer ", "BEARER ",
            // extra spaces or X-Api-Key all reach the same bucket. Failed keys are limited by ApiKeyFailures.
            limiter.AddPolicy(Api.ApiServices.RateLimitPolicy, http => windows.Partition(
                http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } keyId && keyId.StartsWith("api:", StringComparison.Ordinal)
                    ? keyId
                    : "api-client:" + Client(http),
                options.ApiRequestsPerKeyPerMinute,
                TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    /// <summary>
    /// The client as the connection (after the trusted proxies' forwarded headers) says. An IPv6 client counts by its
    /// /64: one household or server gets a whole /64 and could otherwise take a fresh bucket per address.
    /// </summary>
    public static string Client(HttpContext http) => ClientOf(http.Connection.RemoteIpAddress);

    public static string ClientOf(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> PostsOnly(FixedWindows windows, HttpContext http, string name, int permits, TimeSpan window) =>
        HttpMethods.IsPost(http.Request.Method)
            ? windows.Partition($"{name}:{Client(http)}", permits, window)
            : RateLimitPartition.GetNoLimiter(string.Empty);
}

/// <summary>Counts lookups per tracking code, from any client, in a fixed window of one hour.</summary>
public sealed class LookupThrottle(FixedWindows windows, int perCodePerHour) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = windows.Limiter("lookup-code", perCodePerHour, TimeSpan.FromHours(1));

    /// <summary>True when this code may be looked up once more now (asynchronous: a Redis limiter answers only that way).</summary>
    public async Task<bool> TryAcquireAsync(string normalizedCode, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(normalizedCode, cancellationToken: cancellationToken);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
