using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// What a refused import must leave exactly as it was: every table's row count and a SHA-256 of its rows (the grants,
/// their participants, countries, pathogens and categories, organisations, import runs and the rest), the result of
/// <c>PRAGMA integrity_check</c>, and a SHA-256 of every file of the search index.
/// </summary>
public sealed record GrantStoreSnapshot(IReadOnlyDictionary<string, (long Rows, string Sha256)> Tables, string IntegrityCheck, IReadOnlyDictionary<string, string> IndexFiles)
{
    public static GrantStoreSnapshot Take(string databasePath, string indexFolder)
    {
        // No pooling, so no handle outlives the snapshot to hold the file open under the next CLI run.
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
            tables[table] = Rows(connection, table);
        var integrity = string.Join("; ", Strings(connection, "PRAGMA integrity_check"));
        return new GrantStoreSnapshot(tables, integrity, IndexFilesOf(indexFolder));
    }

    public long RowsOf(string table) => Tables[table].Rows;

    /// <summary>Rows in storage order, each value with its type, so NULL, 1 and '1' hash differently.</summary>
    private static (long Rows, string Sha256) Rows(SqliteConnection connection, string table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "\u0001null" : $"{reader.GetFieldType(i).Name}:{Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}";
                hash.AppendData(Encoding.UTF8.GetBytes(value + "\u0000"));
            }
            hash.AppendData("\n"u8);
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static Dictionary<string, string> IndexFilesOf(string folder)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return files;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            files[Path.GetRelativePath(folder, file)] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return files;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
