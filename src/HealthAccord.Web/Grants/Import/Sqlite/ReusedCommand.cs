using Microsoft.Data.Sqlite;

namespace HealthAccord.Web.Grants.Import.Sqlite;

/// <summary>
/// A SQL statement compiled once and run many times inside one transaction, with positional parameters
/// (<c>$p0</c>, <c>$p1</c>, …). Compiling is a large part of a small statement's cost, and EF Core would also build a
/// command and track an entity per row; a bulk load does neither.
/// </summary>
internal sealed class ReusedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public ReusedCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameterCount)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++) _parameters[i] = _command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
        _command.Prepare();
    }

    /// <summary><c>INSERT INTO "table" ("a", "b") VALUES ($p0, $p1)</c>.</summary>
    public static ReusedCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns) =>
        new(connection, transaction,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})",
            columns.Length);

    /// <summary>Sets parameter <paramref name="index"/>; null is stored as SQL NULL.</summary>
    public ReusedCommand Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    public SqliteDataReader Read() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();
}
