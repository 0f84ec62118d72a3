using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KlantCentraal.Web.Data;

/// <summary>
/// Switches on SQLite's secure_delete for every connection: deleted and overwritten content is zeroed in the file
/// instead of left in free space, so an erased customer's name cannot be read back from the database file.
/// The setting belongs to the native connection, which the pool keeps open between rentals: it is applied once per
/// native connection, not on every open (that was a prepared statement per request, docs/performance.md).
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && !Applied.TryGetValue(handle, out _))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA secure_delete = ON;";
            command.ExecuteNonQuery();
            Applied.AddOrUpdate(handle, Done);
        }
    }
}
