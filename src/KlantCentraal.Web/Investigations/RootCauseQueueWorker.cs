using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Investigations;

/// <summary>Only loops: every tick it opens a scope and lets a <see cref="RootCauseQueueProcessor"/> do the work.</summary>
public sealed class RootCauseQueueWorker(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<RootCauseQueueOptions> options,
    ILogger<RootCauseQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>();
                var completed = await processor.ProcessPendingAsync(stoppingToken);
                if (completed > 0)
                {
                    logger.LogInformation("Root-cause queue: {Completed} item(s) processed", completed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the next tick tries again and nothing is lost.
                logger.LogError(ex, "Root-cause queue tick failed; retrying next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
