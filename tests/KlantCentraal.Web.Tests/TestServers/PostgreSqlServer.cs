using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// A real PostgreSQL for the tests: Debian's <c>postgresql</c> package (installed by tests/test.sh), a cluster made
/// by initdb in a temporary folder, its server in the foreground on a free loopback port, killed with everything it
/// started afterwards. initdb and the server refuse to run as root, so as root they run as the package's
/// <c>postgres</c> user. Each test asks for a database of its own.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-postgres", Guid.NewGuid().ToString("N"));
    private Process? _server;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: run the tests with tests/test.sh, which installs Debian's postgresql.");
        }

        Directory.CreateDirectory(_folder);
        if (AsRoot)
        {
            await RunAsync(("chown", ["postgres", _folder]));
        }

        await RunAsync(AsPostgres(Path.Combine(bin, "initdb"), "-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"));
        Port = LoopbackPort.Free();
        // Durability off: a test cluster is thrown away, and the tests measure locking, not disks.
        _server = Process.Start(Start(AsPostgres(
            Path.Combine(bin, "postgres"), "-D", Data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _folder, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300")))!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await LoopbackPort.WaitUntilListeningAsync(Port, () => _server.HasExited);
        await WaitUntilAcceptingAsync();
    }

    /// <summary>A new, empty database on the server and the value for ConnectionStrings:PostgreSQL.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"kc_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
            }

            await _server.WaitForExitAsync();
            _server.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }

    private string Data => Path.Combine(_folder, "data");

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=50";

    /// <summary>The port answers before the server accepts sessions ("the database system is starting up").</summary>
    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CannotConnectNow && DateTime.UtcNow < deadline && !_server!.HasExited)
            {
                await Task.Delay(20); // polling an external process until it accepts sessions, bounded by the deadline
            }
        }
    }

    private static bool AsRoot => Environment.UserName == "root";

    private static (string Command, string[] Arguments) AsPostgres(string binary, params string[] arguments) =>
        AsRoot ? ("runuser", ["-u", "postgres", "--", binary, .. arguments]) : (binary, arguments);

    private static ProcessStartInfo Start((string Command, string[] Arguments) invocation)
    {
        var start = new ProcessStartInfo(invocation.Command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task RunAsync((string Command, string[] Arguments) invocation)
    {
        using var process = Process.Start(Start(invocation))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{invocation.Command} {string.Join(' ', invocation.Arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
