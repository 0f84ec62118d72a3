using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KlantCentraal.Web.Data;

/// <summary>
/// Switches on SQLite's secure_delete for every connection: deleted and overwritten content is zeroed in the file
/// instead of left in free space, so an erased customer's name cannot be read back from the database file.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA secure_delete = ON;";
            command.ExecuteNonQuery();
        }
    }
}
