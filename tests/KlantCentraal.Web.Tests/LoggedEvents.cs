using Serilog.Core;
using Serilog.Events;

namespace KlantCentraal.Web.Tests;

/// <summary>A Serilog sink that keeps what the app logged (request log included), for tests that assert on it.</summary>
public sealed class LoggedEvents : ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<string> Messages => _events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The last exception the app logged: what a test prints when it sees a server error.</summary>
    public string? LastException => _events.LastOrDefault(e => e.Exception is not null)?.Exception?.ToString();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
