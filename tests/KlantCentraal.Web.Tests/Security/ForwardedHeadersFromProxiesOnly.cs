using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 9: behind a proxy, X-Forwarded-For is believed only from the configured proxies.</summary>
public sealed class ForwardedHeadersFromProxiesOnly : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_rotating_x_forwarded_for_from_the_internet_does_not_escape_the_complaint_limit()
    {
        using var app = Behind("203.0.113.9", trusted: null);
        var statuses = await PostComplaintsAsync(app, count: 6);

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [Fact]
    public async Task From_a_configured_proxy_each_forwarded_client_has_its_own_limit()
    {
        using var app = Behind("203.0.113.9", trusted: "203.0.113.9");
        var statuses = await PostComplaintsAsync(app, count: 6);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Behind(string remoteAddress, string? trusted) => _root.WithWebHostBuilder(b =>
    {
        b.UseSetting("ForwardedHeaders_Enabled", "true");
        if (trusted is not null)
        {
            b.UseSetting("ForwardedHeaders:KnownProxies:0", trusted);
        }

        // The test server has no network peer: this sets the address the request "comes from", before anything else runs.
        b.ConfigureServices(s => s.Insert(0, ServiceDescriptor.Transient<IStartupFilter>(_ => new FromAddress(IPAddress.Parse(remoteAddress)))));
    });

    private static async Task<List<HttpStatusCode>> PostComplaintsAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var client = app.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            var response = await client.PostFormAsync("/Complain", OnlineForm.Valid($"proxy.{Guid.NewGuid():N}@example.nl"));
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
