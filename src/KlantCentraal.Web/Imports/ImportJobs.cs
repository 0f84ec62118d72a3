using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Stores;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Imports;

/// <summary>How far an import is, as its progress page shows it (the job without its file).</summary>
public sealed record ImportState(Guid Id, ImportKind Kind, int Total, int Done, ImportCounts Counts, string StartedBy, DateTime CreatedAt, DateTime? FinishedAt, bool Failed)
{
    public bool IsFinished => FinishedAt is not null;

    public int Percent => Total == 0 ? 100 : (int)(100L * Done / Total);
}

/// <summary>
/// Imports as work that outlives the request (issue 32, ADR 0036). <see cref="StartAsync"/> stores a checked file as a
/// job; <see cref="RunPendingAsync"/> — the import worker's round, on every instance — claims a job with a lease and
/// stores its rows in pieces of <see cref="PieceSize"/>, each piece in one transaction with the job's progress, so
/// the desk's writes take their turns between pieces. A job whose worker died (its lease ran out) is taken over and
/// goes on from its last stored piece; a piece that fails ends the job as failed, keeping what the pieces before it
/// stored (importing the file again recognises those rows and updates them).
/// </summary>
public sealed class ImportJobs(
    AppDbContext db,
    WriteGate gate,
    AuditLog audit,
    StoreCsv storeCsv,
    StoreDirectory stores,
    HelpdeskImport helpdesk,
    WorkSignal<ImportJobs> signal,
    TimeProvider time,
    ILogger<ImportJobs> logger)
{
    /// <summary>Rows per transaction: small enough that a desk write never waits long for its turn.</summary>
    public const int PieceSize = 2000;

    /// <summary>How often every instance's import worker looks for jobs whose worker died, besides being woken for its own.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Stores the checked file as a job and wakes this instance's worker; the job's id is its progress page.</summary>
    public async Task<Guid> StartAsync(ImportKind kind, string text, int total, string startedBy, CancellationToken cancellationToken)
    {
        var job = ImportJob.Start(kind, total, startedBy, time.GetUtcNow().UtcDateTime);
        await gate.StepAsync(db, effects =>
        {
            db.ImportJobs.Add(job);
            db.ImportFiles.Add(new ImportFile(job.Id, text));
            audit.Record(ActionOf(kind), "Import", job.Id.ToString(), AuditNote.ImportQueued, total);
            effects.Notice(_ =>
            {
                signal.Raise();
                return Task.CompletedTask;
            });
            return Task.FromResult(Outcome.Done());
        },
        cancellationToken);
        return job.Id;
    }

    public Task<ImportState?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        States(db.ImportJobs.Where(j => j.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The newest jobs of a kind, so an administrator who left the progress page finds it again.</summary>
    public Task<List<ImportState>> RecentAsync(ImportKind kind, int count, CancellationToken cancellationToken) =>
        States(db.ImportJobs.Where(j => j.Kind == kind).OrderByDescending(j => j.CreatedAt).Take(count)).ToListAsync(cancellationToken);

    private static IQueryable<ImportState> States(IQueryable<ImportJob> jobs) => jobs.AsNoTracking().Select(j =>
        new ImportState(j.Id, j.Kind, j.Total, j.Done, new ImportCounts(j.Added, j.Updated, j.Unchanged, j.NewCustomers, j.KnownCustomers), j.StartedBy, j.CreatedAt, j.FinishedAt, j.Failure != null));

    /// <summary>The import worker's round: runs every job nobody holds, oldest first. Returns how many it ran.</summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        while (await ClaimNextAsync(cancellationToken) is { } id)
        {
            await RunAsync(id, cancellationToken);
            ran++;
        }

        return ran;
    }

    private async Task<Guid?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var free = await db.ImportJobs.AsNoTracking()
            .Where(j => j.FinishedAt == null && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in free)
        {
            // Taken only if still free: of several instances, one wins.
            await using (await gate.EnterAsync(db, cancellationToken))
            {
                if (await db.ImportJobs
                        .Where(j => j.Id == id && j.FinishedAt == null && (j.LeaseUntil == null || j.LeaseUntil < now))
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, Owner).SetProperty(j => j.LeaseUntil, now + ImportJob.Lease), cancellationToken) == 1)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
        var text = await db.ImportFiles.AsNoTracking().Where(f => f.JobId == id).Select(f => f.Text).SingleAsync(cancellationToken);
        try
        {
            if (job.Kind == ImportKind.Stores)
            {
                var report = storeCsv.Read(text);
                CheckUnchanged(job, report.CanImport, report.Rows.Count);
                for (var from = job.Done; from < job.Total; from += PieceSize)
                {
                    var rows = report.Rows.Skip(from).Take(PieceSize).ToList();
                    await PieceAsync(id, rows.Count, () => stores.ImportPieceAsync(rows, cancellationToken), cancellationToken);
                }
            }
            else
            {
                var report = helpdesk.Read(text);
                CheckUnchanged(job, report.CanImport, report.Tickets.Count);
                var seen = new HashSet<int>(); // after a take-over, known customers of the earlier pieces may be counted again
                for (var from = job.Done; from < job.Total; from += PieceSize)
                {
                    var tickets = report.Tickets.Skip(from).Take(PieceSize).ToList();
                    IReadOnlyList<Domain.Customer> created = [];
                    await PieceAsync(id, tickets.Count, async () =>
                    {
                        var piece = await helpdesk.ImportPieceAsync(report.Source, tickets, seen, cancellationToken);
                        created = piece.Created;
                        return piece.Counts;
                    }, cancellationToken);
                    seen.UnionWith(created.Select(c => c.Id));
                }
            }
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Import {Job}: another instance took it over; this one stops", id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {Job} stopped; what its earlier pieces stored stays", id);
            db.ChangeTracker.Clear();
            await gate.WriteAsync(db, async () =>
            {
                var failed = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == id && j.LeaseOwner == Owner, cancellationToken);
                if (failed is not null)
                {
                    failed.Fail(ex.GetType().Name, time.GetUtcNow().UtcDateTime);
                    await db.ImportFiles.Where(f => f.JobId == id).ExecuteDeleteAsync(cancellationToken);
                    audit.Record(ActionOf(failed.Kind), "Import", id.ToString(), AuditNote.ImportStopped, failed.Done, failed.Total);
                }
            }, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The file is read again as it was checked; reading it differently now (a rule changed) stores nothing.</summary>
    private static void CheckUnchanged(ImportJob job, bool canImport, int rows)
    {
        if (!canImport || rows != job.Total)
        {
            throw new InvalidDataException($"The file of import {job.Id} no longer reads as it was checked.");
        }
    }

    /// <summary>One piece and the job's progress in one transaction; nothing of it is stored when this worker lost the job.</summary>
    private async Task PieceAsync(Guid id, int rows, Func<Task<ImportCounts>> piece, CancellationToken cancellationToken)
    {
        await gate.WriteAsync(db, async () =>
        {
            var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == id && j.LeaseOwner == Owner, cancellationToken) ?? throw new LeaseLostException();
            job.Advance(rows, await piece(), time.GetUtcNow().UtcDateTime);
            if (job.IsFinished)
            {
                await db.ImportFiles.Where(f => f.JobId == id).ExecuteDeleteAsync(cancellationToken);
                var counts = job.Counts;
                audit.Record(ActionOf(job.Kind), "Import", id.ToString(), job.Kind == ImportKind.Stores
                    ? AuditDetail.Of(AuditNote.StoresImported, counts.Added, counts.Updated, counts.Unchanged)
                    : AuditDetail.Of(AuditNote.ComplaintsImported, counts.Added, counts.Updated, counts.Unchanged, counts.NewCustomers));
            }

            return true;
        }, cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static AuditAction ActionOf(ImportKind kind) => kind == ImportKind.Stores ? AuditAction.StoresImported : AuditAction.HelpdeskImported;

    private sealed class LeaseLostException : Exception;
}

public static class ImportServices
{
    /// <summary>Store and helpdesk imports as jobs with progress, run by every instance's import worker (unless <c>Imports:WorkerEnabled</c> is false).</summary>
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ImportJobs>();
        // Signalled when a job is queued on this instance; every 10 s it also looks for jobs whose worker died.
        services.AddSingleton<WorkSignal<ImportJobs>>();
        if (configuration.GetValue("Imports:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<ImportJobs>("Imports", _ => ImportJobs.Poll, (jobs, ct) => jobs.RunPendingAsync(ct), signalled: true);
        }

        return services;
    }
}
