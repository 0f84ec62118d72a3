using System.Diagnostics;
using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// The ceilings KlantCentraal is measured against (tests/load/run.sh):
//   minimal-app URL        a minimal ASP.NET Core app returning a small JSON document
//   floor-page URL FILE    the status page's floor: a bare Razor Page (Pages/Floor) reading one complaint and its
//                          messages from the app's database FILE with one compiled query, rendered without layout
//   sqlite-tx FILE SECONDS raw SQLite transactions writing the rows one desk step writes
//                          (customer, complaint with resolution, queue item, three timeline events),
//                          WAL with synchronous FULL like the app, one writer.
if (args is ["minimal-app", var url])
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    var app = builder.Build();
    app.MapGet("/json", () => Results.Json(new { status = "ok", code = "K7M-4PX-9QR", amount = 2495 }));
    app.Run(url);
    return 0;
}

if (args is ["floor-page", var floorUrl, var database])
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    // Only this project's page: the referenced app's pages would otherwise be discovered too.
    builder.Services.AddRazorPages().ConfigureApplicationPartManager(parts =>
    {
        parts.ApplicationParts.Clear();
        parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(typeof(Ceilings.Pages.FloorModel).Assembly));
    });
    builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(options => options.UseSqlite($"Data Source={database}"));
    var app = builder.Build();
    app.MapRazorPages();
    app.Run(floorUrl);
    return 0;
}

if (args is ["sqlite-tx", var file, var secondsText])
{
    var seconds = int.Parse(secondsText, CultureInfo.InvariantCulture);
    var connectionString = $"Data Source={file}";
    await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options))
    {
        await DatabaseSetup.MigrateAsync(db, backupFolder: null, CancellationToken.None);
    }

    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    var count = 0;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed.TotalSeconds < seconds)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO Customers (Name, Email, Postcode, CreatedAt) VALUES ('Fatima el Amrani', $email, '1012AB', $now);
            INSERT INTO Complaints (TrackingCode, CustomerId, Channel, Category, ProductName, ProductKey, Receipt, Description, DesiredOutcome, Status, ReceivedAt, ReceivedOn, RecordedById, RecordedByName,
                ResolutionType, ResolutionAmountCents, ResolutionRefundMethod, ResolvedAt, ResolvedById, ResolvedByName, CoSignReasons, Resolution_FirstContact, Resolution_MinutesToResolve, SubmissionId, Conversation, Regime, Version)
            VALUES ($code, last_insert_rowid(), 'Counter', 'ProductDefect', 'Waterkoker Deluxe', 'name:waterkoker deluxe', 'No', 'Het deksel sluit niet en de waterkoker lekt.', 'Refund', 'Resolved', $now, substr($now, 1, 10), 's', 'Sanne',
                'Refund', 2495, 'Cash', $now, 's', 'Sanne', 'None', 1, 0, $submission, 'Quiet', 'Retail', 1);
            INSERT INTO TimelineEvents (ComplaintId, Kind, OccurredAt, ActorName, ActorId, Detail) VALUES (last_insert_rowid(), 'Received', $now, 'Sanne', 's', 'Counter');
            INSERT INTO TimelineEvents (ComplaintId, Kind, OccurredAt, ActorName, ActorId, Detail) SELECT ComplaintId, 'Resolved', $now, 'Sanne', 's', 'Refund' FROM TimelineEvents WHERE Id = last_insert_rowid();
            INSERT INTO TimelineEvents (ComplaintId, Kind, OccurredAt, ActorName) SELECT ComplaintId, 'QueuedForInvestigation', $now, 'KlantCentraal' FROM TimelineEvents WHERE Id = last_insert_rowid();
            INSERT INTO RootCauseQueue (ComplaintId, EnqueuedAt, Status, Attempts) SELECT ComplaintId, $now, 'Pending', 0 FROM TimelineEvents WHERE Id = last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$email", $"k{count}@example.nl");
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$code", TrackingCode.New().Value);
        command.Parameters.AddWithValue("$submission", Guid.NewGuid().ToString().ToUpperInvariant());
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        count++;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count / stopwatch.Elapsed.TotalSeconds:F0}"));
    return 0;
}

Console.Error.WriteLine("usage: Ceilings minimal-app URL | floor-page URL FILE | sqlite-tx FILE SECONDS");
return 2;
