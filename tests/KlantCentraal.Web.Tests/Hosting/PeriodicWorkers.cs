using KlantCentraal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>The one worker loop: a round at start, at every tick, and at once when its signal is raised (imports).</summary>
public sealed class PeriodicWorkers
{
    private sealed class Rounds
    {
        private readonly System.Threading.Channels.Channel<int> _done = System.Threading.Channels.Channel.CreateUnbounded<int>();

        public int Count { get; private set; }

        public Task<int> RunAsync()
        {
            Count++;
            _done.Writer.TryWrite(Count);
            return Task.FromResult(0);
        }

        /// <summary>The next round's number; the guard only ends a broken test instead of hanging it.</summary>
        public async Task<int> NextAsync() => await _done.Reader.ReadAsync().AsTask().WaitAsync(TestServers.Patience.BeforeCallingItAHang);
    }

    [Fact]
    public async Task A_raised_signal_runs_a_round_at_once_and_the_ticks_still_come_after_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var rounds = new Rounds();
        var services = new ServiceCollection().AddSingleton(rounds).BuildServiceProvider();
        using var signal = new WorkSignal<Rounds>();
        using var worker = new PeriodicWorker<Rounds>("test", TimeSpan.FromHours(1), (r, _) => r.RunAsync(), signal, services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<PeriodicWorker<Rounds>>.Instance);

        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(1, await rounds.NextAsync());
        signal.Raise();
        Assert.Equal(2, await rounds.NextAsync());
        signal.Raise();
        Assert.Equal(3, await rounds.NextAsync());
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(4, await rounds.NextAsync());
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(4, rounds.Count);
    }
}
