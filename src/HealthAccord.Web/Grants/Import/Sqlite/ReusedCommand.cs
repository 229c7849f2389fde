using Microsoft.Data.Sqlite;

namespace HealthAccord.Web.Grants.Import.Sqlite;

/// <summary>
/// A query compiled once and run many times inside one transaction, with positional parameters (<c>$p0</c>,
/// <c>$p1</c>, …), read through Microsoft.Data.Sqlite's data reader and its conversions. Compiling is a large part of
/// a small statement's cost. Writes, which run far more often, use <see cref="ReusedStatement"/>.
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

    /// <summary>Sets parameter <paramref name="index"/>; null is stored as SQL NULL.</summary>
    public ReusedCommand Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public SqliteDataReader Read() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();
}
