using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Also: with a certificate configured, the Data Protection keys are stored encrypted.</summary>
public sealed class DataProtectionKeys : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"kc-keys-{Guid.NewGuid():N}.pfx");

    public void Dispose()
    {
        _root.Dispose();
        File.Delete(_pfx);
    }

    [Fact]
    public async Task With_a_certificate_configured_the_stored_keys_are_encrypted_and_still_work()
    {
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=KlantCentraal keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(_pfx, certificate.Export(X509ContentType.Pkcs12, "geheim-voor-de-test"));
        }

        using var app = _root.WithWebHostBuilder(b => b
            .UseSetting("DataProtection:CertificatePath", _pfx)
            .UseSetting("DataProtection:CertificatePassword", "geheim-voor-de-test"));
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        await desk.GetHtmlAsync("/Desk");

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml!, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml!, StringComparison.Ordinal);
        });
    }
}
