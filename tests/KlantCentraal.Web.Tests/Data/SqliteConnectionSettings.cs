using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>What every SQLite connection of the app is set to (<see cref="SqliteConnectionSetup"/>).</summary>
public sealed class SqliteConnectionSettings
{
    [Fact]
    public async Task Every_connection_zeroes_deleted_content_and_reads_without_a_memory_map()
    {
        await using var app = new KlantCentraalFactory();

        Assert.Equal(1, await PragmaAsync(app, "secure_delete"));
        Assert.Equal(0, await PragmaAsync(app, "mmap_size"));
    }

    [Fact]
    public async Task A_configured_memory_map_applies_to_every_connection()
    {
        await using var root = new KlantCentraalFactory();
        await using var app = root.WithWebHostBuilder(b => b.UseSetting(SqliteConnectionSetup.MemoryMapSetting, "268435456"));

        Assert.Equal(256L * 1024 * 1024, await PragmaAsync(app, "mmap_size"));
        Assert.Equal(1, await PragmaAsync(app, "secure_delete"));
    }

    private static async Task<long> PragmaAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string pragma)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
