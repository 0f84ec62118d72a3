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

    /// <summary>Returns once the app has written a line that <paramref name="match"/> accepts (within a minute).</summary>
    public Task WaitForOutputAsync(Func<string, bool> match)
    {
        lock (_waits)
        {
            if (_output.Any(match))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((match, seen));
            return seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

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

    /// <summary>Starts the app over <paramref name="database"/> and returns once it says it has started.</summary>
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

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            app.Wrote(e.Data);
            if (e.Data.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The app stopped before it started."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
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
