namespace KlantCentraal.Web.Data;

/// <summary>
/// What a step does once its write committed, declared while its work runs (issue 42) and run by the gate
/// (<see cref="WriteGate.StepAsync"/>) after the commit, the same way for every step and never for a write that was
/// rolled back, in this order: the customer's own letter (the only letter sent inside a user's request), the letters
/// left to the outbox's worker (counted, and the worker woken), notices (the desks' live inbox, caches, workers), then
/// metrics and the log line.
/// What must happen <em>with</em> the write — the owed letter's row, the webhook event, the audit entry — is written by
/// the work itself, in the transaction. An effect that fails is logged and the step still answers what was stored:
/// a letter that did not go is sent by the outbox's worker once its lease runs out.
/// </summary>
public sealed class StepEffects
{
    private readonly List<Func<CancellationToken, Task<bool>>> _letters = [];
    private readonly List<Func<CancellationToken, Task>> _notices = [];
    private readonly List<Action> _records = [];
    private Action? _wakeWorker;
    private int _forWorker;

    /// <summary>The customer's own letter, sent once the write committed; <paramref name="send"/> says whether it went out.</summary>
    public void Letter(Func<CancellationToken, Task<bool>> send) => _letters.Add(send);

    /// <summary>Letters the outbox's worker sends (<paramref name="count"/> of them): <paramref name="wake"/> wakes it once the write committed.</summary>
    public void ForWorker(int count, Action wake)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _forWorker += count;
        _wakeWorker = wake;
    }

    /// <summary>
    /// A notice after the letters: the desks' live inbox, a cache that reads the change again (settings, calendars,
    /// webhook endpoints), a worker woken for the job just stored.
    /// </summary>
    public void Notice(Func<CancellationToken, Task> notify) => _notices.Add(notify);

    /// <summary>A metric or the step's log line, last: what is counted or logged was stored.</summary>
    public void Record(Action record) => _records.Add(record);

    /// <summary>What the effects came to: the letters owed (sent now or by the worker), and whether those sent now went out (null: none was).</summary>
    internal sealed record Result(int Letters, bool? Mailed);

    internal async Task<Result> RunAsync(ILogger logger, CancellationToken cancellationToken)
    {
        bool? mailed = null;
        foreach (var send in _letters)
        {
            mailed = await SafelyAsync(send, false, "a letter", logger, cancellationToken) && mailed != false;
        }

        if (_wakeWorker is { } wake)
        {
            Safely(wake, "waking the outbox's worker", logger);
        }

        foreach (var notify in _notices)
        {
            await SafelyAsync(async ct => { await notify(ct); return true; }, false, "a live notice", logger, cancellationToken);
        }

        foreach (var record in _records)
        {
            Safely(record, "a metric or log line", logger);
        }

        return new Result(_letters.Count + _forWorker, mailed);
    }

    private static async Task<T> SafelyAsync<T>(Func<CancellationToken, Task<T>> effect, T failed, string what, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await effect(cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "The write committed, but {Effect} after it failed", what);
            return failed;
        }
    }

    private static void Safely(Action effect, string what, ILogger logger)
    {
        try
        {
            effect();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "The write committed, but {Effect} after it failed", what);
        }
    }
}
