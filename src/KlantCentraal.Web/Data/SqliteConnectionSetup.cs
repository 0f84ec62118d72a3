using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KlantCentraal.Web.Data;

/// <summary>
/// Settings every SQLite connection gets, once per native connection (the pool keeps it open between rentals, so
/// not on every open: that was a prepared statement per request, docs/performance.md):
/// <list type="bullet">
/// <item>secure_delete: deleted and overwritten content is zeroed in the file instead of left in free space, so an
/// erased customer's name cannot be read back from the database file;</item>
/// <item>mmap_size (<c>Database:SqliteMemoryMapBytes</c>, off by default): pages read through a memory map instead of
/// copied with pread. Every commit by another connection empties a connection's own page cache, so under the desk's
/// write load reads copy their pages again; mapping them saved between 2 and 22 % of the CPU per complaint in two
/// A/B runs, for 20–30 MB more peak working set, so it stays a setting (docs/performance.md).</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup(long memoryMapBytes) : DbConnectionInterceptor
{
    public const string MemoryMapSetting = "Database:SqliteMemoryMapBytes";

    public const long DefaultMemoryMapBytes = 0;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = [];
    private static readonly object Done = new();

    private readonly string _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA secure_delete = ON; PRAGMA mmap_size = {Math.Max(0, memoryMapBytes)};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && !Applied.TryGetValue(handle, out _))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            Applied.AddOrUpdate(handle, Done);
        }
    }
}
