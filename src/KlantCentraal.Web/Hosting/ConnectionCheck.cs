using System.Net.Sockets;
using KlantCentraal.Web.Mail;
using MailKit;
using MailKit.Security;

namespace KlantCentraal.Web.Hosting;

/// <summary>What failed when an outside connection was tried; the Verbindingen page says each in plain words.</summary>
public enum ConnectionProblem
{
    None,
    NotConfigured,
    Unreachable,
    Tls,
    SignInRefused,
    TokenRefused,
    FolderMissing,
    Refused,
}

/// <summary>
/// The answer of a "test now" on /Admin/Connections: it works (with what the other side said), or what failed, with
/// the other side's own words for the administrator (never a secret: token errors carry the provider's error code).
/// </summary>
public sealed record ConnectionCheck(ConnectionProblem Problem, string? Detail = null)
{
    public bool Works => Problem == ConnectionProblem.None;

    public static ConnectionCheck Worked(string? detail = null) => new(ConnectionProblem.None, detail);

    /// <summary>The failures a mail server, a token endpoint or an OpenID provider can answer with; anything else is a bug and is thrown on.</summary>
    public static bool IsConnectionFailure(Exception ex) =>
        ex is IOException or SocketException or HttpRequestException or TimeoutException or System.Text.Json.JsonException
            or ProtocolException or CommandException or AuthenticationException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or FolderNotFoundException or MailTokenException;

    public static ConnectionCheck Of(Exception ex) => ex switch
    {
        MailTokenException => new(ConnectionProblem.TokenRefused, ex.Message),
        SslHandshakeException => new(ConnectionProblem.Tls, ex.Message),
        AuthenticationException => new(ConnectionProblem.SignInRefused, ex.Message),
        FolderNotFoundException => new(ConnectionProblem.FolderMissing, ex.Message),
        SocketException or IOException or HttpRequestException or TimeoutException => new(ConnectionProblem.Unreachable, ex.Message),
        _ => new(ConnectionProblem.Refused, ex.Message),
    };
}
