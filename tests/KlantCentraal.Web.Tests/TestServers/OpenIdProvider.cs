using System.Diagnostics;
using System.Text.Json;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// A real OpenID provider on a loopback port: npm's oidc-provider 9.13.3 (OpenID Certified), installed in tests/oidc by
/// tests/test.sh, started and ended by the tests. Any password is accepted; each login maps to the claims given here.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = LoopbackPort.Free();

    public string Authority => $"http://127.0.0.1:{Port}";

    public const string ClientId = "klantcentraal";
    public const string ClientSecret = "klantcentraal-test-secret";

    public const string MailClientId = "klantcentraal-mail";
    public const string MailClientSecret = "klantcentraal-mail-secret";
    public const string DovecotClientId = "dovecot";
    public const string DovecotClientSecret = "dovecot-secret";

    public string TokenEndpoint => $"{Authority}/token";

    public string IntrospectionEndpoint => $"{Authority}/token/introspection";

    /// <summary>
    /// Starts the provider for a service mailbox: the app's mail client (client credentials, scope <c>mail.read</c>
    /// and <c>mail.send</c>) whose tokens name <paramref name="mailbox"/>, and Dovecot's client that introspects them.
    /// </summary>
    public Task StartForMailAsync(string mailbox) => StartAsync(
        [
            new Dictionary<string, object>
            {
                ["client_id"] = MailClientId,
                ["client_secret"] = MailClientSecret,
                ["grant_types"] = new List<string> { "client_credentials" },
                ["response_types"] = Array.Empty<string>(),
                ["redirect_uris"] = Array.Empty<string>(),
                ["scope"] = "mail.read mail.send",
                ["token_endpoint_auth_method"] = "client_secret_post",
            },
            new Dictionary<string, object>
            {
                ["client_id"] = DovecotClientId,
                ["client_secret"] = DovecotClientSecret,
                ["grant_types"] = Array.Empty<string>(),
                ["response_types"] = Array.Empty<string>(),
                ["redirect_uris"] = Array.Empty<string>(),
                ["token_endpoint_auth_method"] = "client_secret_basic",
            },
        ],
        new Dictionary<string, object>(),
        mailbox);

    /// <summary>Starts the provider with the app's client (its callbacks on <paramref name="appBaseUrl"/>) and these accounts.</summary>
    public Task StartAsync(string appBaseUrl, IReadOnlyDictionary<string, object> accounts)
    {
        var app = appBaseUrl.TrimEnd('/');
        return StartAsync(
        [
            new Dictionary<string, object>
            {
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
                ["redirect_uris"] = new[] { $"{app}/signin-oidc" },
                ["post_logout_redirect_uris"] = new[] { $"{app}/signout-callback-oidc" },
                ["backchannel_logout_uri"] = $"{app}/signout-backchannel",
                ["grant_types"] = new List<string> { "authorization_code" },
                ["response_types"] = new List<string> { "code" },
                ["token_endpoint_auth_method"] = "client_secret_post",
            },
        ],
        accounts,
        mailbox: null);
    }

    private async Task StartAsync(IReadOnlyList<Dictionary<string, object>> clients, IReadOnlyDictionary<string, object> accounts, string? mailbox)
    {
        var start = new ProcessStartInfo("node", $"provider.mjs {Port}") { WorkingDirectory = Folder(), UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["OIDC_CLIENTS"] = JsonSerializer.Serialize(clients);
        start.Environment["OIDC_ACCOUNTS"] = JsonSerializer.Serialize(accounts);
        if (mailbox is not null)
        {
            start.Environment["OIDC_MAILBOX"] = mailbox;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await LoopbackPort.WaitUntilListeningAsync(Port, () => _process.HasExited);
        if (_process.HasExited)
        {
            throw new InvalidOperationException("The OpenID provider stopped at once: is oidc-provider installed in tests/oidc (tests/test.sh)?");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Folder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KlantCentraal.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("KlantCentraal.sln not found"), "tests", "oidc");
    }
}
