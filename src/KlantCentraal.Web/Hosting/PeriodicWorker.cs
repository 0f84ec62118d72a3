using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// Only loops: at start and then every <c>interval</c> it opens a scope and lets a <typeparamref name="TWork"/> do
/// one round of work — and at once when its <see cref="WorkSignal{TWork}"/> is raised, where one is registered (work
/// queued on this instance; other instances find it at their next tick). A failed round is logged and the next tick
/// tries again: the work waits in the database, so nothing is lost (the database may be away for a moment). The
/// root-cause queue, the mail outbox, the webhook sender, the scheduled reports, the promise watch, scheduled backups,
/// the backlog gauges, the privacy retention, the imports and the complaints mailbox each run on one.
/// </summary>
public sealed class PeriodicWorker<TWork>(
    string name,
    TimeSpan interval,
    Func<TWork, CancellationToken, Task<int>> round,
    WorkSignal<TWork>? signal,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<PeriodicWorker<TWork>> logger) : BackgroundService
    where TWork : notnull
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        // Both waits outlive a round the other one ended: a tick is asked for once at a time, and a raised signal is
        // never taken by a wait nobody looks at any more.
        Task<bool>? tick = null;
        Task? raised = null;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var done = await round(scope.ServiceProvider.GetRequiredService<TWork>(), stoppingToken);
                if (done > 0)
                {
                    logger.LogInformation("{Worker}: {Done} item(s) done", name, done);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Worker}: round failed; trying again at the next tick", name);
            }

            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            if (signal is not null)
            {
                raised ??= signal.WaitAsync(stoppingToken);
                if (await Task.WhenAny(tick, raised) == raised)
                {
                    await raised;
                    raised = null;
                    continue;
                }
            }

            if (!await tick)
            {
                break;
            }

            tick = null;
        }
        while (!stoppingToken.IsCancellationRequested);
    }
}

/// <summary>Wakes this instance's <see cref="PeriodicWorker{TWork}"/> of <typeparamref name="TWork"/> for work queued here (a singleton).</summary>
public sealed class WorkSignal<TWork> : IDisposable
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        try
        {
            _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: one round does all the work queued until it starts.
        }
    }

    internal Task WaitAsync(CancellationToken cancellationToken) => _raised.WaitAsync(cancellationToken);

    public void Dispose() => _raised.Dispose();
}

public static class PeriodicWorkerRegistration
{
    /// <summary>
    /// Runs <paramref name="round"/> on a scoped <typeparamref name="TWork"/> at start and every <paramref name="interval"/>,
    /// and at once whenever the <see cref="WorkSignal{TWork}"/> is raised when <paramref name="signalled"/>.
    /// </summary>
    public static IServiceCollection AddPeriodicWorker<TWork>(this IServiceCollection services, string name, Func<IServiceProvider, TimeSpan> interval, Func<TWork, CancellationToken, Task<int>> round, bool signalled = false)
        where TWork : notnull
    {
        if (signalled)
        {
            services.TryAddSingleton<WorkSignal<TWork>>();
        }

        return services.AddHostedService(sp => new PeriodicWorker<TWork>(
            name,
            interval(sp),
            round,
            signalled ? sp.GetRequiredService<WorkSignal<TWork>>() : null,
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PeriodicWorker<TWork>>>()));
    }
}
