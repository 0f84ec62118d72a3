using System.Threading.RateLimiting;

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
}

/// <summary>The rate-limit policies of the public pages, with ASP.NET Core's rate limiter.</summary>
public static class RateLimits
{
    public const string Lookup = "lookup";
    public const string OnlineComplaint = "online-complaint";
    public const string Message = "message";

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(new LookupThrottle(options.LookupsPerCodePerHour));
        services.AddRateLimiter(limiter =>
        {
            // A refused request is re-executed as the friendly error page for 429 (see UseStatusCodePagesWithReExecute).
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Lookup, http => PostsOnly(http, "lookup", options.LookupsPerClientPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(OnlineComplaint, http => PostsOnly(http, "complaint", options.ComplaintsPerClientPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Message, http => PostsOnly(http, "message", options.MessagesPerClientPerHour, TimeSpan.FromHours(1)));
            // Per API key as authentication resolved it (the key's id), never per raw header: "bearer ", "BEARER ",
            // extra spaces or X-Api-Key all reach the same bucket. Failed keys are limited by ApiKeyFailures.
            limiter.AddPolicy(Api.ComplaintsApi.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } keyId && keyId.StartsWith("api:", StringComparison.Ordinal)
                    ? keyId
                    : "client:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ApiRequestsPerKeyPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    private static RateLimitPartition<string> PostsOnly(HttpContext http, string name, int permits, TimeSpan window)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{name}:{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }
}

/// <summary>Counts lookups per tracking code, from any client, in a fixed window of one hour.</summary>
public sealed class LookupThrottle(int perCodePerHour) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(code =>
        RateLimitPartition.GetFixedWindowLimiter(code, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perCodePerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    /// <summary>True when this code may be looked up once more now.</summary>
    public bool TryAcquire(string normalizedCode)
    {
        using var lease = _limiter.AttemptAcquire(normalizedCode);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
