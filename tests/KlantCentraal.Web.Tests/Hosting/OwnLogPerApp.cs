using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>Several apps in one process (as in these tests) each keep their own log.</summary>
public sealed class OwnLogPerApp : IDisposable
{
    private readonly KlantCentraalFactory _first = new();
    private readonly KlantCentraalFactory _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task An_app_logs_to_its_own_sinks_even_when_another_app_started_later_and_has_stopped_again()
    {
        _ = _first.Services;
        _ = _second.Services;
        var later = _first.Services.GetRequiredService<ILoggerFactory>().CreateLogger("A category first used after the second app started");
        later.LogWarning("Ping from the first app");
        await _second.DisposeAsync();
        _first.Services.GetRequiredService<ILoggerFactory>().CreateLogger("A category first used after the second app stopped").LogWarning("Pong from the first app");

        Assert.Contains("Ping from the first app", _first.Logged.Messages);
        Assert.Contains("Pong from the first app", _first.Logged.Messages);
        Assert.DoesNotContain("Ping from the first app", _second.Logged.Messages);
    }
}
