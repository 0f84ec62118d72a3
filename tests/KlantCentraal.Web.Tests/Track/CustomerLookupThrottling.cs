using System.Net;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Tests.Track;

/// <summary>A factory of its own with tight limits, so the throttles can be reached quickly.</summary>
public sealed class CustomerLookupThrottling : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public CustomerLookupThrottling() => _app = _factory.WithWebHostBuilder(b => b
        .UseSetting("RateLimits:LookupsPerClientPerMinute", "6")
        .UseSetting("RateLimits:LookupsPerCodePerHour", "3"));

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Guessing_the_postcode_of_one_code_is_stopped_after_a_few_tries_with_a_friendly_message()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        var code = TrackingCode.New().Display;
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = $"100{i}AB" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("Deze volgcode is het afgelopen uur te vaak geprobeerd.", await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_client_trying_many_codes_is_slowed_down_with_a_friendly_page()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = TrackingCode.New().Display, ["Input.PostcodeOrEmail"] = "1000AB" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("Even wachten, alstublieft", await last.Content.ReadAsStringAsync());
    }
}
