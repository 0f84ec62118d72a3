namespace KlantCentraal.Web.Hosting;

/// <summary>
/// Only loops: at start and then every <c>interval</c> it opens a scope and lets a <typeparamref name="TWork"/> do
/// one round of work. A failed round is logged and the next tick tries again: the work waits in the database, so
/// nothing is lost (the database may be away for a moment). The root-cause queue, the mail outbox, the webhook sender,
/// the scheduled reports, the promise watch, scheduled backups, the backlog gauges and the privacy retention each run on one.
/// </summary>
public sealed class PeriodicWorker<TWork>(
    string name,
    TimeSpan interval,
    Func<TWork, CancellationToken, Task<int>> round,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<PeriodicWorker<TWork>> logger) : BackgroundService
    where TWork : notnull
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class PeriodicWorkerRegistration
{
    /// <summary>Runs <paramref name="round"/> on a scoped <typeparamref name="TWork"/> at start and every <paramref name="interval"/>.</summary>
    public static IServiceCollection AddPeriodicWorker<TWork>(this IServiceCollection services, string name, Func<IServiceProvider, TimeSpan> interval, Func<TWork, CancellationToken, Task<int>> round)
        where TWork : notnull =>
        services.AddHostedService(sp => new PeriodicWorker<TWork>(
            name,
            interval(sp),
            round,
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PeriodicWorker<TWork>>>()));
}
