using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 2: links in letters come from Organisation:PublicBaseUrl, never from the Host header.</summary>
public sealed class LinksInLetters : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_complaint_posted_with_a_forged_host_header_gets_a_letter_that_links_to_the_configured_address()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("Organisation:PublicBaseUrl", "https://klachten.example.nl"));
        var attacker = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://evil.example") });
        var email = $"host.{Guid.NewGuid():N}@example.nl";

        var response = await attacker.PostFormAsync("/Complain", OnlineForm.Valid(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var letter = Directory.EnumerateFiles(_root.MailPickup, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(email, StringComparison.Ordinal));
        Assert.DoesNotContain("evil.example", letter, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://klachten.example.nl/Track", letter.Replace("=\r\n", string.Empty, StringComparison.Ordinal).Replace("=\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_the_app_does_not_start_without_a_public_base_url_and_says_what_to_set()
    {
        using var production = _root.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Bootstrap:AdminEmail", KlantCentraalFactory.ProductionAdmin)
            .UseSetting("Bootstrap:AdminPassword", KlantCentraalFactory.ProductionAdminPassword));

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Organisation:PublicBaseUrl is required outside Development", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_base_url_that_is_not_an_absolute_http_address_stops_the_start_too()
    {
        using var production = _root.InProduction(b => b.UseSetting("Organisation:PublicBaseUrl", "javascript:alert(1)"));

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("must be an absolute http(s) address", failure.ToString(), StringComparison.Ordinal);
    }
}
