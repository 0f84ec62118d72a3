using KlantCentraal.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>Issue 30, item 4: a wrong setting stops the start with a plain line that says what to set; the log says what is configured, never a secret.</summary>
public sealed class SettingsThatFailFast : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Every_wrong_setting_stops_the_start_with_its_own_line_all_at_once()
    {
        using var wrong = _factory.InProduction(b => b
            .UseSetting("Organisation:TimeZone", "Europe/Amsterdm")
            .UseSetting("Organisation:PublicBaseUrl", "klachten.example.nl")
            .UseSetting("Mail:Delivery", "")
            .UseSetting("RateLimits:LookupsPerClientPerMinute", "0")
            .UseSetting("Mail:SmtpPort", "abc")
            .UseSetting("Backup:Schedule", "elke nacht")
            .UseSetting("DataProtection:CertificatePath", "/nergens/sleutels.pfx")
            .UseSetting("Authentication:Oidc:Authority", "login.example.nl"));

        var failure = Assert.ThrowsAny<Exception>(() => wrong.CreateClient()).ToString();

        Assert.Contains("KlantCentraal did not start: 8 setting(s) need attention.", failure, StringComparison.Ordinal);
        Assert.Contains("- Organisation:TimeZone 'Europe/Amsterdm' is not a time zone this machine knows: use an IANA name such as Europe/Amsterdam.", failure, StringComparison.Ordinal);
        Assert.Contains("- Organisation:PublicBaseUrl must be an absolute http(s) address", failure, StringComparison.Ordinal);
        Assert.Contains("- Mail:SmtpHost is not set, so no letter would reach a customer", failure, StringComparison.Ordinal);
        Assert.Contains("- RateLimits:LookupsPerClientPerMinute is '0': give a whole number from 1 to 1000000.", failure, StringComparison.Ordinal);
        Assert.Contains("- Mail:SmtpPort is 'abc': give a whole number from 1 to 65535.", failure, StringComparison.Ordinal);
        Assert.Contains("- Backup:Schedule 'elke nacht' is not a cron expression", failure, StringComparison.Ordinal);
        Assert.Contains("- DataProtection:CertificatePath points to '/nergens/sleutels.pfx', which does not exist", failure, StringComparison.Ordinal);
        Assert.Contains("- Authentication:Oidc:Authority 'login.example.nl' must be the absolute https address", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_up_summary_names_what_is_configured_and_no_secret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:PostgreSQL"] = "Host=db.internal;Database=klachten;Username=kc;Password=Geheim-Wachtwoord-1",
            ["ConnectionStrings:Redis"] = "redis.internal:6379,password=Redis-Geheim-2",
            ["Mail:SmtpHost"] = "smtp.example.nl",
            ["Mail:SmtpPassword"] = "Smtp-Geheim-3",
            ["Authentication:Oidc:Authority"] = "https://login.example.nl",
            ["Authentication:Oidc:ClientSecret"] = "Oidc-Geheim-4",
            ["Organisation:PublicBaseUrl"] = "https://klachten.example.nl",
        }).Build();

        var summary = SettingsCheck.Summary(configuration, new Environment());

        Assert.Contains("database PostgreSQL Host=db.internal;Database=klachten", summary, StringComparison.Ordinal);
        Assert.Contains("Redis redis.internal:6379;", summary, StringComparison.Ordinal);
        Assert.Contains("letters by SMTP smtp.example.nl:587", summary, StringComparison.Ordinal);
        Assert.Contains("sign-in with accounts and https://login.example.nl", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Geheim", summary, StringComparison.Ordinal);
        Assert.Empty(SettingsCheck.Problems(configuration, new Environment()));
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "KlantCentraal.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
