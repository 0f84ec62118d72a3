using System.Globalization;
using KlantCentraal.Web.Mail;

namespace KlantCentraal.Web.Organisation;

/// <summary>
/// Every link the app writes into an e-mail (the tracking page, a staff member's set-password link) starts with the
/// configured <c>Organisation:PublicBaseUrl</c>, never with the Host header of the request that caused the e-mail:
/// otherwise anyone could make the organisation's own mail server send a link to their site. Required outside
/// Development; start-up stops with a clear message when it is missing or not an absolute http(s) address.
/// </summary>
public sealed class PublicLinks
{
    public const string Setting = "Organisation:PublicBaseUrl";

    /// <summary>Where the app runs with <c>dotnet run</c> (launchSettings.json), used in Development when nothing is set.</summary>
    public const string DevelopmentDefault = "http://localhost:5080/";

    public PublicLinks(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        Base = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }

    public Uri Base { get; }

    /// <summary>The customer's lookup page.</summary>
    public string Track => new Uri(Base, "Track").AbsoluteUri;

    /// <summary>How to write to the customer now: the lookup link and the language of the current request.</summary>
    public LetterContext Letter() => new(Track, CultureInfo.CurrentUICulture.Name);

    /// <summary>The staff's sign-in page.</summary>
    public string SignIn() => new Uri(Base, "Account/Login").AbsoluteUri;

    public string SetPassword(string email, string token) =>
        new Uri(Base, $"Account/SetPassword?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}").AbsoluteUri;

    public static PublicLinks FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return environment.IsDevelopment()
                ? new PublicLinks(new Uri(DevelopmentDefault))
                : throw new InvalidOperationException(
                    $"{Setting} is required outside Development: the address at which customers reach this app, for example " +
                    "https://klachten.example.nl. Links in e-mails are built from it (never from a request's Host header). " +
                    "Set it in appsettings or as the environment variable Organisation__PublicBaseUrl.");
        }

        return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.Query)
            ? new PublicLinks(uri)
            : throw new InvalidOperationException($"{Setting} must be an absolute http(s) address without a query, such as https://klachten.example.nl; it is '{configured}'.");
    }
}
