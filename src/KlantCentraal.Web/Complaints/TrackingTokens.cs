using Microsoft.AspNetCore.DataProtection;

namespace KlantCentraal.Web.Complaints;

/// <summary>
/// After a successful lookup the customer reaches their complaint through an opaque, expiring token:
/// the tracking code encrypted by Data Protection with a lifetime. No internal id is ever in a customer URL.
/// </summary>
public sealed class TrackingTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("KlantCentraal.Track.Status").ToTimeLimitedDataProtector();

    public string Protect(string trackingCode) => _protector.Protect(trackingCode, time.GetUtcNow() + Lifetime);

    public bool TryUnprotect(string? token, out string trackingCode)
    {
        trackingCode = string.Empty;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            trackingCode = _protector.Unprotect(token, out var expiration);
            return expiration > time.GetUtcNow();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
