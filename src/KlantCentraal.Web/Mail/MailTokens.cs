using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace KlantCentraal.Web.Mail;

/// <summary>How a mailbox or SMTP server is signed in to: a password (the default) or an OAuth2 token.</summary>
public enum MailAuth
{
    Password,
    OAuth2,
}

/// <summary>
/// The OAuth2 client-credentials registration a service mailbox is opened with (Microsoft 365: the tenant's token
/// endpoint, scope <c>https://outlook.office365.com/.default</c>; Google Workspace: its token endpoint and
/// <c>https://mail.google.com/</c>). Configuration: <c>InboundMail:OAuth2:*</c> and <c>Mail:SmtpOAuth2:*</c>.
/// </summary>
public sealed class MailOAuth2Options
{
    public string? TokenEndpoint { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? Scope { get; set; }
}

/// <summary>The provider refused the token request (its error, never the secret), or could not be reached.</summary>
public sealed class MailTokenException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Access tokens for the mailboxes (IMAP in, SMTP out) by the client-credentials flow, one request per registration,
/// kept until a minute before they expire. A server that refuses a token makes the caller <see cref="Forget"/> it and
/// ask once more: a token revoked at the provider is replaced at once.
/// </summary>
public sealed class MailTokens(IHttpClientFactory http, TimeProvider time, ILogger<MailTokens> logger)
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<string> TokenAsync(MailOAuth2Options registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var key = Key(registration);
        if (_cache.TryGetValue(key, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Token;
        }

        if (string.IsNullOrWhiteSpace(registration.TokenEndpoint) || string.IsNullOrWhiteSpace(registration.ClientId))
        {
            throw new MailTokenException("OAuth2 is chosen but TokenEndpoint or ClientId is not set.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, registration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = registration.ClientId,
                ["client_secret"] = registration.ClientSecret ?? string.Empty,
                ["scope"] = registration.Scope ?? string.Empty,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.CreateClient(nameof(MailTokens)).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            var root = json.RootElement;
            if (!response.IsSuccessStatusCode || !root.TryGetProperty("access_token", out var token) || token.GetString() is not { Length: > 0 } value)
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : $"HTTP {(int)response.StatusCode}";
                var description = root.TryGetProperty("error_description", out var d) ? d.GetString() : null;
                logger.LogWarning("The token endpoint {Endpoint} refused client {ClientId}: {Error} {Description}", registration.TokenEndpoint, registration.ClientId, error, description);
                throw new MailTokenException($"The provider refused the token: {error}{(description is null ? string.Empty : $" ({description})")}");
            }

            var seconds = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var s) ? s : 3600;
            _cache[key] = (value, time.GetUtcNow().AddSeconds(Math.Max(0, seconds - 60)));
            return value;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The token endpoint {Endpoint} cannot be reached: {Error}", registration.TokenEndpoint, ex.Message);
            throw new MailTokenException($"The token endpoint cannot be reached: {ex.Message}", ex);
        }
    }

    /// <summary>Drops a token the server refused, so the next request asks the provider again.</summary>
    public void Forget(MailOAuth2Options registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _cache.TryRemove(Key(registration), out _);
    }

    private static string Key(MailOAuth2Options r) => $"{r.TokenEndpoint}|{r.ClientId}|{r.Scope}|{r.ClientSecret?.GetHashCode(StringComparison.Ordinal)}";
}
