using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace KlantCentraal.Web.Security;

/// <summary>
/// The Data Protection keys (sign-in cookies, tracking links, antiforgery) live in the database, shared by every
/// instance. With <c>DataProtection:CertificatePath</c> (a PFX file) and <c>DataProtection:CertificatePassword</c>
/// they are encrypted there with that certificate (on Linux the counterpart of Windows' DPAPI-NG); without them
/// they are stored unencrypted and the database and its backups must be protected like the keys themselves.
/// </summary>
public static class KeyProtection
{
    public const string Section = "DataProtection";

    public static IDataProtectionBuilder ProtectKeysWhenConfigured(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration[$"{Section}:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Section}:CertificatePath points to '{path}', which does not exist. Give the path of a PFX file with a private key.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"]);
        return certificate.HasPrivateKey
            ? builder.ProtectKeysWithCertificate(certificate)
            : throw new InvalidOperationException($"{Section}:CertificatePath: the certificate in '{path}' has no private key, so the keys could not be read back.");
    }
}
