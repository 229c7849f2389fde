using Microsoft.Data.Sqlite;

namespace HealthAccord.Bench.Search;

/// <summary>
/// The same words asked of SQLite FTS5 directly, in this process: the top 20 by bm25 (title weighted three times, as
/// the app weights it) and the total number of matches, which is what the API's first page needs. No HTTP, no facets,
/// no reading of the grants themselves: the baseline does less than the API, so the ratio is if anything too kind to it.
/// </summary>
internal sealed class Fts5Baseline : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _top;
    private readonly SqliteCommand _total;

    public Fts5Baseline(string path)
    {
        _connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            // A 256 MB page cache and memory-mapped reads: after the warm-up, the baseline works from memory.
            pragmas.CommandText = "PRAGMA cache_size = -262144; PRAGMA mmap_size = 4294967296;";
            pragmas.ExecuteNonQuery();
        }
        _top = _connection.CreateCommand();
        _top.CommandText = "SELECT rowid FROM grants_fts WHERE grants_fts MATCH $match ORDER BY bm25(grants_fts, 3.0, 1.0) LIMIT 20";
        _top.Parameters.Add("$match", SqliteType.Text);
        _top.Prepare();
        _total = _connection.CreateCommand();
        _total.CommandText = "SELECT count(*) FROM grants_fts WHERE grants_fts MATCH $match";
        _total.Parameters.Add("$match", SqliteType.Text);
        _total.Prepare();
    }

    /// <summary>Runs one query; returns the ids of the first page and the total.</summary>
    public (List<long> Top, long Total) Search(string match)
    {
        _top.Parameters[0].Value = match;
        var ids = new List<long>(20);
        using (var reader = _top.ExecuteReader())
        {
            while (reader.Read()) ids.Add(reader.GetInt64(0));
        }
        _total.Parameters[0].Value = match;
        return (ids, (long)_total.ExecuteScalar()!);
    }

    public void Dispose()
    {
        _top.Dispose();
        _total.Dispose();
        _connection.Dispose();
    }
}
