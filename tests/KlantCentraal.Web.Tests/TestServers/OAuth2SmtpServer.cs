using System.Diagnostics;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// An SMTP server that takes mail only with an XOAUTH2 token the OpenID provider vouches for (tests/smtp/oauth_smtp.py on
/// Debian's python3-aiosmtpd, installed by tests/test.sh); what it accepts lands as .eml files in <see cref="Received"/>.
/// </summary>
public sealed class OAuth2SmtpServer : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = LoopbackPort.Free();

    public string Received { get; } = Path.Combine(Path.GetTempPath(), "klantcentraal-smtp", Guid.NewGuid().ToString("N"));

    public async Task StartAsync(OpenIdProvider provider, string requiredScope = "mail.send")
    {
        ArgumentNullException.ThrowIfNull(provider);
        var script = Path.Combine(Path.GetDirectoryName(typeof(OAuth2SmtpServer).Assembly.Location)!, "smtp", "oauth_smtp.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { script, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Received, provider.IntrospectionEndpoint, OpenIdProvider.DovecotClientId, OpenIdProvider.DovecotClientSecret, requiredScope })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await LoopbackPort.WaitUntilListeningAsync(Port, () => _process.HasExited);
        if (_process.HasExited)
        {
            throw new InvalidOperationException("The SMTP server stopped at once: is python3-aiosmtpd installed (tests/test.sh)?");
        }
    }

    public IReadOnlyList<string> Messages() =>
        Directory.Exists(Received) ? Directory.EnumerateFiles(Received, "*.eml").Select(File.ReadAllText).ToList() : [];

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Received, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was received.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The OpenID provider and an SMTP server that takes only its XOAUTH2 tokens.</summary>
public sealed class OAuth2SmtpServers : IAsyncLifetime
{
    public const string Mailbox = "klantenservice@klantcentraal.test";

    public OpenIdProvider Provider { get; } = new();

    public OAuth2SmtpServer Smtp { get; } = new();

    public async Task InitializeAsync()
    {
        await Provider.StartForMailAsync(Mailbox);
        await Smtp.StartAsync(Provider);
    }

    public async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
