using System.Collections.Concurrent;
using System.Diagnostics;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// The built app (the copy in the test's output folder) as a real process on a loopback port. Disposing it kills it,
/// so a failing test never leaves an app running.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private AppProcess(Process process, int port) => (Process, Port) = (process, port);

    public Process Process { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waits = [];

    /// <summary>What the app wrote to standard output so far, line by line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Returns once the app has written a line that <paramref name="match"/> accepts, however slow the machine; fails
    /// at once when the app exits first (a condition, never a clock: issue 41).
    /// </summary>
    public Task WaitForOutputAsync(Func<string, bool> match)
    {
        lock (_waits)
        {
            if (_output.Any(match))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_exited)
            {
                seen.TrySetException(Stopped());
            }

            _waits.Add((match, seen));
            return seen.Task;
        }
    }

    private bool _exited;

    private void Wrote(string line)
    {
        lock (_waits)
        {
            _output.Enqueue(line);
            foreach (var wait in _waits.Where(w => w.Match(line)))
            {
                wait.Seen.TrySetResult();
            }
        }
    }

    private void Exited()
    {
        lock (_waits)
        {
            _exited = true;
            foreach (var wait in _waits)
            {
                wait.Seen.TrySetException(Stopped());
            }
        }
    }

    private InvalidOperationException Stopped() =>
        new($"The app stopped before it wrote what the test waits for. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(40))}");

    /// <summary>Starts the app over <paramref name="database"/> and returns once it says it has started (or fails when it exits first).</summary>
    public static async Task<AppProcess> StartAsync(string database, string folder, bool worker = false, int? onPort = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = onPort ?? LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet", $"KlantCentraal.Web.dll --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        start.Environment["Seed__DemoComplaints"] = "false";
        start.Environment["RootCauseQueue__WorkerEnabled"] = worker ? "true" : "false";
        start.Environment["RootCauseQueue__PollInterval"] = "00:00:00.100";
        start.Environment["Privacy__JobEnabled"] = "false";
        start.Environment["Mail__PickupDirectory"] = Path.Combine(folder, "mail");
        start.Environment["Serilog__MinimumLevel__Default"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, port);
        var started = app.WaitForOutputAsync(line => line.Contains("Application started", StringComparison.Ordinal));
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                app.Wrote(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                app.Wrote(e.Data);
            }
        };
        process.Exited += (_, _) =>
        {
            // The last lines arrive before the end of the stream; the exit is told once both are read.
            process.WaitForExit();
            app.Exited();
        };
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // However slow the machine: the app's own "started" line, or its exit (issue 41: a minute was not enough at load 30).
            await started;
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        Process.Dispose();
    }
}
