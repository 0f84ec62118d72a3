using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Api;

/// <summary>What an API key may do.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    ReadComplaints = 1,
    CreateComplaints = 2,

    /// <summary>Add the customer's messages to complaints (before issue 29 part of CreateComplaints; existing keys kept it).</summary>
    AddMessages = 4,
}

/// <summary>
/// A key for an integration (web shop, call centre). Only a SHA-256 hash of the secret is stored; the key is
/// shown once, when it is created. Revoked keys stay for the audit trail.
/// </summary>
public sealed class ApiKey
{
    public const string Prefix = "kc_";

    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The first characters of the key after "kc_", to find it without storing it.</summary>
    public string Lookup { get; set; } = string.Empty;

    public string SecretHash { get; set; } = string.Empty;

    public ApiScopes Scopes { get; set; }

    /// <summary>The stores whose complaints the key reaches (issue 29); empty: every store, and complaints without one.</summary>
    public List<int> StoreIds { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>How precisely <see cref="LastUsedAt"/> is kept: it is written at most this often per key.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(5);

    public bool IsActive => RevokedAt is null;

    /// <summary>A new key: "kc_" + 8 lookup characters + "_" + 32 secret characters (≈ 190 random bits).</summary>
    public static (ApiKey Key, string Plain) Create(string name, ApiScopes scopes, string createdBy, DateTime at, IReadOnlyList<int>? storeIds = null)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        string Random(int length) => new(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
        var lookup = Random(8);
        var plain = $"{Prefix}{lookup}_{Random(32)}";
        return (new ApiKey { Name = name, Lookup = lookup, SecretHash = Hash(plain), Scopes = scopes, CreatedAt = at, CreatedBy = createdBy, StoreIds = [.. storeIds ?? []] }, plain);
    }

    public static string Hash(string plain) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));

    public static string? LookupOf(string plain) =>
        plain.StartsWith(Prefix, StringComparison.Ordinal) && plain.Length > Prefix.Length + 9 && plain[Prefix.Length + 8] == '_'
            ? plain.Substring(Prefix.Length, 8)
            : null;
}

/// <summary>
/// Authenticates integrations by "Authorization: Bearer kc_..." or "X-Api-Key: kc_...". A wrong key counts
/// against the client's failure budget (<see cref="ApiKeyFailures"/>); a missing or wrong key is answered with a
/// 401 problem, a key without the scope with a 403 problem.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDbContext db, WriteGate gate, TimeProvider time, ApiKeyFailures failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";

    /// <summary>One claim per store a store-bound key reaches; none: every store.</summary>
    public const string StoreClaim = "store";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var plain = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : Request.Headers["X-Api-Key"].ToString().Trim();
        if (string.IsNullOrEmpty(plain))
        {
            return AuthenticateResult.NoResult();
        }

        var lookup = ApiKey.LookupOf(plain);
        var key = lookup is null ? null : await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Lookup == lookup, Context.RequestAborted);
        if (key is null || !key.IsActive || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(ApiKey.Hash(plain))))
        {
            await failures.RecordAsync(Context);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // "Last used" is for the administrator's overview, not an audit trail: written at most once per
        // LastUsedPrecision, so a busy integration does not make every API request a write.
        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is not { } last || now - last >= ApiKey.LastUsedPrecision)
        {
            await gate.WriteAsync(db, () => db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), Context.RequestAborted), Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"api:{key.Id}"),
            new(ClaimTypes.Name, $"api:{key.Name}"),
        };
        claims.AddRange(Enum.GetValues<ApiScopes>().Where(s => s != ApiScopes.None && key.Scopes.HasFlag(s)).Select(s => new Claim(ScopeClaim, s.ToString())));
        claims.AddRange(key.StoreIds.Select(id => new Claim(StoreClaim, id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body is written by the API's status-code problem writer (ApiProblems.WriteStatusProblemAsync).
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Failed API authentications per client address: after <see cref="Limit"/> wrong keys in a minute the client gets
/// 429 until the minute is over, before any key is checked, so keys cannot be guessed at speed. Counted in the shared
/// Redis when there is one (so the instances add up), else — or while it does not answer — in memory. Not a <see cref="FixedWindows"/> limiter:
/// this one must be asked without being counted, which Redis limiters cannot do.
/// </summary>
public sealed class ApiKeyFailures(TimeProvider time, SharedRedis? redis = null)
{
    public const int Limit = 10;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // One round trip, atomic: the first failure of a window starts the window's expiry.
    private const string Increment = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _clients = new();

    public async Task RecordAsync(HttpContext http)
    {
        if (redis is { IsAvailable: true })
        {
            try
            {
                await redis.Connection.GetDatabase().ScriptEvaluateAsync(Increment, [Key(http)], [(long)Window.TotalMilliseconds]);
                return;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                redis.Failed(ex); // counted in this instance while Redis is away
            }
        }

        var now = time.GetUtcNow();
        _clients.AddOrUpdate(RateLimits.Client(http), _ => (now, 1), (_, seen) => now - seen.Start > Window ? (now, 1) : (seen.Start, seen.Count + 1));
        if (_clients.Count > 10_000)
        {
            foreach (var old in _clients.Where(c => now - c.Value.Start > Window).Select(c => c.Key).ToList())
            {
                _clients.TryRemove(old, out _);
            }
        }
    }

    public async Task<bool> IsBlockedAsync(HttpContext http)
    {
        if (redis is { IsAvailable: true })
        {
            try
            {
                return (long?)await redis.Connection.GetDatabase().StringGetAsync(Key(http)) >= Limit;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                redis.Failed(ex);
            }
        }

        return _clients.TryGetValue(RateLimits.Client(http), out var seen) && seen.Count >= Limit && time.GetUtcNow() - seen.Start <= Window;
    }

    private static StackExchange.Redis.RedisKey Key(HttpContext http) => SharedRedis.Prefix + "api-key-failures:" + RateLimits.Client(http);
}

public static class ApiKeyFailureLimit
{
    /// <summary>Answers 429 on the API to a client that sent too many wrong keys, before any key is checked.</summary>
    public static IApplicationBuilder UseApiKeyFailureLimit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (ApiProblems.IsApiRequest(http) && await http.RequestServices.GetRequiredService<ApiKeyFailures>().IsBlockedAsync(http))
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                return;
            }

            await next(http);
        });
}
