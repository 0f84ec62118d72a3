namespace KlantCentraal.Web.Hosting;

/// <summary>
/// Outside Development the app redirects plain HTTP to HTTPS, sends HSTS and marks its cookies Secure. For a first
/// look in a container on a laptop (<c>docker run -p 8080:8080</c>) <c>Hosting:PlainHttp=true</c> switches all three
/// off: explicit, logged as a warning at start, and never right for a real installation (issue 30).
/// </summary>
public static class Https
{
    public const string PlainHttpSetting = "Hosting:PlainHttp";

    public static bool Required(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment() && !configuration.GetValue(PlainHttpSetting, false);
}
