using System.Diagnostics;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// A real Redis for the tests: Debian's redis-server (installed by tests/test.sh), started in the foreground on a
/// free loopback port with nothing saved to disk, and killed afterwards.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-redis", Guid.NewGuid().ToString("N"));
    private Process? _server;

    public int Port { get; private set; }

    /// <summary>The value for ConnectionStrings:Redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        const string binary = "/usr/bin/redis-server";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("Redis is not installed: run the tests with tests/test.sh, which installs redis-server.");
        }

        Directory.CreateDirectory(_folder);
        Port = LoopbackPort.Free();
        _server = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _folder, "--logfile", Path.Combine(_folder, "redis.log") },
            UseShellExecute = false,
        })!;
        await LoopbackPort.WaitUntilListeningAsync(Port, () => _server.HasExited);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            _server.Kill();
            await _server.WaitForExitAsync();
            _server.Dispose();
            _server = null; // a test that kills Redis on purpose disposes it twice
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Disposed before.
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}
