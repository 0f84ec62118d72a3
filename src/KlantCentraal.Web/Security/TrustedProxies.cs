using System.Net;

namespace KlantCentraal.Web.Security;

/// <summary>
/// Behind a TLS-terminating proxy (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>) the app reads the client's address
/// and scheme from X-Forwarded-For/-Proto. ASP.NET Core then trusts those headers from any sender; here they are
/// trusted only from <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
/// (CIDR, e.g. 10.0.0.0/8), or from loopback when neither is set — so a rotating X-Forwarded-For from the internet
/// neither escapes the per-client rate limits nor fakes the address in the audit log.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        var parsedProxies = proxies.Select(p => IPAddress.TryParse(p.Trim(), out var ip) ? ip : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address.")).ToList();
        var parsedNetworks = networks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var net) ? net : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a network such as 10.0.0.0/8.")).ToList();

        // After the host's own setup, which clears both lists when the environment variable is set.
        services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = 1;
            if (parsedProxies.Count == 0 && parsedNetworks.Count == 0)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
                options.KnownProxies.Add(IPAddress.IPv6Loopback);
                return;
            }

            parsedProxies.ForEach(options.KnownProxies.Add);
            parsedNetworks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }
}
