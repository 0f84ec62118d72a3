using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>
/// Stylesheet and script come from the build's manifest (issue 30): the pages link fingerprinted addresses, which
/// are compressed as the build left them and cached a year, so a returning customer downloads nothing.
/// </summary>
public sealed partial class StaticAssets : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Pages_link_fingerprinted_files_that_are_compressed_and_cached_for_a_year()
    {
        // The test reads the build's manifest, not a publish's: the files from the build folders, and the manifest's
        // own headers instead of the no-cache the build manifest otherwise gets (a publish needs neither setting).
        using var production = _factory.InProduction(b => b.UseStaticWebAssets().UseSetting("EnableStaticAssetsDevelopmentCaching", "true"));
        var client = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var page = await client.GetStringAsync("/");
        var stylesheet = Fingerprinted().Match(page);
        Assert.True(stylesheet.Success, "the page links no fingerprinted stylesheet");

        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet.Groups["url"].Value);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), $"cached for {response.Headers.CacheControl?.MaxAge}");
    }

    [Fact]
    public async Task A_static_file_sets_no_cookie_and_keeps_the_security_headers()
    {
        var client = _factory.CreateBrowserlessClient();
        var page = await client.GetStringAsync("/");
        var script = Regex.Match(page, "src=\"(?<url>/js/site\\.[a-z0-9]+\\.js)\"");
        Assert.True(script.Success, "the page links no fingerprinted script");

        var response = await client.GetAsync(script.Groups["url"].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [GeneratedRegex("href=\"(?<url>/css/site\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex Fingerprinted();
}
