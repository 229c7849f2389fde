using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealthAccord.Web.Data;

/// <summary>
/// Lets the site's SQLite connections read the database file through a memory map (<c>PRAGMA mmap_size</c>) instead of
/// a read() call per page. Pooled connections keep their map, so a page read once stays one memory access away
/// instead of being copied from the operating system's cache into SQLite's small page cache each time. Reading the
/// 62,000 grants of a common pathogen at a million grants took about 40% less CPU this way (BENCHMARKS.md, "Outbreak
/// briefing"). Only the site uses it: the mapped pages count in the process's resident memory, which the import's
/// memory budget measures, and the command-line verbs gain nothing from it.
/// </summary>
public sealed class SqliteMemoryMapping(long bytes) : DbConnectionInterceptor
{
    public const string Setting = "Database:SqliteMemoryMapMegabytes";

    /// <summary>Beyond any database this site is meant for; it is address space, not memory, until pages are read.</summary>
    public const long DefaultMegabytes = 16 * 1024;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite runs statements synchronously whichever method is called.
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.DataSource is "" or ":memory:") return;
        using var command = sqlite.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {bytes}");
        command.ExecuteNonQuery();
    }

    public static SqliteMemoryMapping? FromConfiguration(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue(Setting, DefaultMegabytes);
        return megabytes > 0 ? new SqliteMemoryMapping(megabytes * 1024 * 1024) : null;
    }
}
