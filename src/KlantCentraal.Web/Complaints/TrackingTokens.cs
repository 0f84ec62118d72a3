using Microsoft.AspNetCore.DataProtection;

namespace KlantCentraal.Web.Complaints;

/// <summary>
/// After a successful lookup the customer reaches their complaint through an opaque, expiring token:
/// the tracking code encrypted by Data Protection with a lifetime. No internal id is ever in a customer URL.
/// </summary>
public sealed class TrackingTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    // The expiry travels inside the protected payload and is checked against the TimeProvider: Data Protection's
    // time-limited protector checks its own wall clock, which a test's (or a replayed) clock cannot move.
    private readonly IDataProtector _protector = dataProtection.CreateProtector("KlantCentraal.Track.Status.v2");

    public string Protect(string trackingCode) =>
        _protector.Protect($"{trackingCode}|{(time.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>The complaint a status-page token opens, while the token is genuine and unexpired.</summary>
    public bool TryUnprotect(string? token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Domain.TrackingCode? trackingCode)
    {
        trackingCode = null;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            var payload = _protector.Unprotect(token);
            var bar = payload.LastIndexOf('|');
            if (bar <= 0 || !long.TryParse(payload.AsSpan(bar + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires)
                || DateTimeOffset.FromUnixTimeSeconds(expires) <= time.GetUtcNow())
            {
                return false;
            }

            return Domain.TrackingCode.TryParse(payload[..bar], out trackingCode);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
