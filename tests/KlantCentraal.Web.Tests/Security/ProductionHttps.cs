using System.Net;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 11: production over plain HTTP is redirected to HTTPS; HSTS for a year, subdomains included.</summary>
public sealed class ProductionHttps : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("/Complain")]
    [InlineData("/Track")]
    [InlineData("/Account/Login")]
    public async Task A_form_page_over_plain_http_is_redirected_to_https_not_answered_with_an_error(string page)
    {
        using var production = _root.InProduction();
        var client = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://klachten.example.nl") });

        var response = await client.GetAsync(page);

        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"{(int)response.StatusCode}");
        Assert.Equal($"https://klachten.example.nl{page}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Https_answers_carry_hsts_for_one_year_with_subdomains_and_health_stays_reachable_over_http()
    {
        using var production = _root.InProduction();
        var secure = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://klachten.example.nl") });
        var plain = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        var page = await secure.GetAsync("/Track");
        var health = await plain.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
