using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KlantCentraal.Web.Data;

/// <summary>
/// SQLite has one writer. Without a gate, concurrent desk steps queue on the database's write lock, and the driver
/// retries a busy lock with sleeps, which drives latency towards seconds. The gate lets one write transaction of
/// this process in at a time and the others wait in line without sleeping. On SQL Server and PostgreSQL it does nothing.
/// Several processes on one SQLite file still meet at the database lock, which stays correct.
/// </summary>
public sealed class WriteGate(ILogger<WriteGate> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable> EnterAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return Released.Instance;
        }

        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    /// <summary>
    /// One write as every write takes it: the gate, a transaction, <paramref name="work"/> (which changes tracked
    /// entities and may add audit entries and owed letters), one <c>SaveChanges</c>, commit. Nothing is stored when
    /// <paramref name="work"/> or the save throws. A step of an application service takes <see cref="StepAsync"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return WriteOnceAsync(db, work, serializable: false, cancellationToken);
    }

    /// <summary>
    /// A step of an application service (issue 42): one write as <see cref="WriteAsync{T}(AppDbContext, Func{Task{T}}, CancellationToken)"/>,
    /// whose <paramref name="work"/> declares its after-commit effects on the <see cref="StepEffects"/> it is handed;
    /// once the transaction committed the gate runs them, and the outcome says how many letters were owed and
    /// whether the ones sent now went out (<see cref="Outcome.Letters"/>, <see cref="Outcome.Mailed"/>). With
    /// <paramref name="serializable"/> the write's rules read what other writes change (<see cref="BeginSerializableAsync"/>):
    /// it is serializable and run again from the start when the server engine ended it
    /// (<see cref="RetryWhenSerializationFailsAsync{T}"/>), with fresh effects, so <paramref name="work"/> must read
    /// everything it decides on itself; the effects run once.
    /// </summary>
    public async Task<Outcome> StepAsync(AppDbContext db, Func<StepEffects, Task<Outcome>> work, CancellationToken cancellationToken, bool serializable = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var effects = new StepEffects();
        var outcome = serializable
            ? await RetryWhenSerializationFailsAsync(db, () => WriteOnceAsync(db, () => work(effects = new StepEffects()), serializable: true, cancellationToken), cancellationToken)
            : await WriteOnceAsync(db, () => work(effects), serializable: false, cancellationToken);
        var (letters, mailed) = await effects.RunAsync(logger, cancellationToken);
        return letters == 0 && mailed is null ? outcome : outcome with { Letters = letters, Mailed = mailed };
    }

    private async Task<T> WriteOnceAsync<T>(AppDbContext db, Func<Task<T>> work, bool serializable, CancellationToken cancellationToken)
    {
        await using var turn = await EnterAsync(db, cancellationToken);
        await using var transaction = serializable ? await BeginSerializableAsync(db, cancellationToken) : await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc cref="WriteAsync{T}(AppDbContext, Func{Task{T}}, CancellationToken)"/>
    public Task WriteAsync(AppDbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync(
            db,
            async () =>
            {
                await work();
                return true;
            },
            cancellationToken);
    }

    /// <summary>Saves what <paramref name="db"/> tracks, the same way: gate, transaction, one <c>SaveChanges</c>, commit.</summary>
    public Task SaveAsync(AppDbContext db, CancellationToken cancellationToken) => WriteAsync(db, () => Task.CompletedTask, cancellationToken);

    /// <summary>
    /// Begins the transaction of a write whose rules read what other writes change — the store's monthly budget, the
    /// customer's 30-day window, the second-manager rule — so that they hold across instances by construction
    /// (ADR 0025): on SQLite every write transaction holds the database's write lock from its first statement
    /// (<c>BEGIN IMMEDIATE</c>), so no other process can write between the read and the write; on a server engine it
    /// is serializable, so two instances cannot both read the same budget and both grant from it.
    /// </summary>
    public static Task<IDbContextTransaction> BeginSerializableAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsSqlite()
            ? db.Database.BeginTransactionAsync(cancellationToken)
            : db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> (a whole serializable transaction) again, at most <see cref="SerializableAttempts"/>
    /// times in all, when the server engine ended it to keep the transactions serializable (SQL Server's deadlock
    /// victim, 1205; PostgreSQL's serialization failure, 40001, or deadlock, 40P01): the rules are then read again with
    /// what the other transaction wrote. Between attempts it waits a random moment that grows with each attempt, so
    /// desks that collided do not collide again in step (eight desks on one store's budget needed more than three
    /// immediate attempts on PostgreSQL).
    /// </summary>
    public static async Task<T> RetryWhenSerializationFailsAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < SerializableAttempts && IsSerializationFailure(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << Math.Min(attempt, 5))), cancellationToken);
            }
        }
    }

    public const int SerializableAttempts = 8;

    private static bool IsSerializationFailure(Exception? ex) =>
        ex is SqlException { Number: 1205 } or Npgsql.PostgresException { SqlState: "40001" or "40P01" }
        || (ex?.InnerException is { } inner && IsSerializationFailure(inner));

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
