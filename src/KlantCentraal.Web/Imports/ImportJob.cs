namespace KlantCentraal.Web.Imports;

public enum ImportKind
{
    /// <summary>A CSV of stores (<see cref="Stores.StoreCsv"/>).</summary>
    Stores,

    /// <summary>Another helpdesk's history (<see cref="Complaints.HelpdeskImport"/>).</summary>
    Helpdesk,
}

/// <summary>What the pieces of an import did so far.</summary>
public readonly record struct ImportCounts(int Added, int Updated, int Unchanged, int NewCustomers, int KnownCustomers)
{
    public static ImportCounts operator +(ImportCounts a, ImportCounts b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.NewCustomers + b.NewCustomers, a.KnownCustomers + b.KnownCustomers);
}

/// <summary>
/// An import an administrator confirmed after its preview (issue 32, ADR 0036): the checked file waits (its
/// <see cref="ImportFile"/>) and the import worker stores it in pieces, each piece in one transaction together with the job's progress. So the progress
/// page reads how far it is from the database (a browser refresh, another instance, a restart all see the same), the
/// desk's writes take their turns between the pieces, and a job whose worker died is taken over from its last piece.
/// </summary>
public sealed class ImportJob
{
    /// <summary>How long a worker holds a job without finishing a piece before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const int StartedByMaxLength = 256;
    public const int FailureMaxLength = 500;

    private ImportJob()
    {
    }

    public Guid Id { get; private set; }

    public ImportKind Kind { get; private set; }

    /// <summary>Rows (stores or tickets) in the file.</summary>
    public int Total { get; private set; }

    /// <summary>Rows stored so far: the pieces before it are committed, the next piece starts here.</summary>
    public int Done { get; private set; }

    public int Added { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    public int NewCustomers { get; private set; }

    public int KnownCustomers { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    /// <summary>Why the job stopped before its last row; null while it runs and when it succeeded.</summary>
    public string? Failure { get; private set; }

    /// <summary>The worker holding the job (a concurrency token: a piece saved by a worker that lost it rolls back).</summary>
    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseUntil { get; private set; }

    public bool IsFinished => FinishedAt is not null;

    public ImportCounts Counts => new(Added, Updated, Unchanged, NewCustomers, KnownCustomers);

    /// <summary>A job for a checked file of <paramref name="total"/> rows; the file itself is its <see cref="ImportFile"/>.</summary>
    public static ImportJob Start(ImportKind kind, int total, string startedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(startedBy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        return new ImportJob
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Total = total,
            StartedBy = startedBy.Length > StartedByMaxLength ? startedBy[..StartedByMaxLength] : startedBy,
            CreatedAt = now,
        };
    }

    /// <summary>A piece of <paramref name="rows"/> rows was stored (in the same transaction as this change).</summary>
    public void Advance(int rows, ImportCounts counts, DateTime now)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("A finished import stores nothing more.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Done + rows, Total);
        Done += rows;
        (Added, Updated, Unchanged, NewCustomers, KnownCustomers) = Counts + counts;
        LeaseUntil = now + Lease;
        if (Done == Total)
        {
            End(now, failure: null);
        }
    }

    /// <summary>The job stops here: what its pieces stored stays (importing the file again updates those rows).</summary>
    public void Fail(string failure, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failure);
        if (!IsFinished)
        {
            End(now, failure.Length > FailureMaxLength ? failure[..FailureMaxLength] : failure);
        }
    }

    private void End(DateTime now, string? failure)
    {
        FinishedAt = now;
        Failure = failure;
        LeaseOwner = null;
        LeaseUntil = null;
    }
}
