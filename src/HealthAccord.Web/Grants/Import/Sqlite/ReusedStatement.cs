using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HealthAccord.Web.Grants.Import.Sqlite;

/// <summary>
/// A write statement (insert, update or delete) compiled once and run many times inside one transaction, bound and
/// stepped through SQLite's own interface on the connection's handle. Running a <see cref="SqliteCommand"/> builds a
/// data reader, an enumerator of statements and a binder object per parameter each time; for the seven or so rows
/// of every imported grant, that was about a sixth of everything an import allocated, and a third of the store's CPU.
/// </summary>
/// <remarks>
/// Values are written in the forms Microsoft.Data.Sqlite gives the same CLR types (text for decimals and dates,
/// integers for booleans), so EF Core reads the rows back exactly as if it had written them; the binding tests
/// compare the two byte for byte. Parameters are numbered: index 0 is <c>$p0</c> wherever it stands in the statement.
/// </remarks>
internal sealed class ReusedStatement : IDisposable
{
    // The formats Microsoft.Data.Sqlite binds decimals, dates and times with.
    private const string DecimalFormat = "0.0###########################";
    private const string DateFormat = @"yyyy\-MM\-dd";
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    // SQLite numbers parameters in the order their names first appear, and an update names $p0 last.
    private readonly int[] _positions;

    public ReusedStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("Open the connection first.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK) throw Failure(rc);
        _positions = new int[raw.sqlite3_bind_parameter_count(_statement)];
        for (var i = 0; i < _positions.Length; i++)
        {
            var named = raw.sqlite3_bind_parameter_index(_statement, "$p" + i.ToString(CultureInfo.InvariantCulture));
            _positions[i] = named > 0 ? named : i + 1;
        }
    }

    /// <summary><c>INSERT INTO "table" ("a", "b") VALUES ($p0, $p1)</c>.</summary>
    public static ReusedStatement Insert(SqliteConnection connection, string table, params string[] columns) =>
        new(connection,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})");

    public ReusedStatement Set(int index, long value) => Bound(raw.sqlite3_bind_int64(_statement, _positions[index], value));

    public ReusedStatement Set(int index, int value) => Set(index, (long)value);

    public ReusedStatement Set(int index, bool value) => Set(index, value ? 1L : 0L);

    public ReusedStatement Set(int index, string? value) =>
        value is null ? Null(index) : Bound(raw.sqlite3_bind_text16(_statement, _positions[index], value.AsSpan()));

    public ReusedStatement Set(int index, decimal? value)
    {
        if (value is not { } number) return Null(index);
        Span<char> text = stackalloc char[64];
        return Formatted(index, number.TryFormat(text, out var length, DecimalFormat, CultureInfo.InvariantCulture), text[..length]);
    }

    public ReusedStatement Set(int index, DateOnly? value)
    {
        if (value is not { } date) return Null(index);
        Span<char> text = stackalloc char[16];
        return Formatted(index, date.TryFormat(text, out var length, DateFormat, CultureInfo.InvariantCulture), text[..length]);
    }

    public ReusedStatement Set(int index, DateTime value)
    {
        Span<char> text = stackalloc char[40];
        return Formatted(index, value.TryFormat(text, out var length, DateTimeFormat, CultureInfo.InvariantCulture), text[..length]);
    }

    /// <summary>Runs the statement with the values set, then clears them for the next run.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        // The message belongs to this step; read it before the reset, which starts afresh.
        var failure = rc == raw.SQLITE_DONE ? null : Failure(rc);
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
        if (failure is not null) throw failure;
    }

    public void Dispose() => _statement.Dispose();

    private ReusedStatement Null(int index) => Bound(raw.sqlite3_bind_null(_statement, _positions[index]));

    private ReusedStatement Formatted(int index, bool formatted, ReadOnlySpan<char> text)
    {
        // The buffers are wider than any decimal, date or time can be written.
        if (!formatted) throw new InvalidOperationException($"Parameter {index} could not be formatted.");
        return Bound(raw.sqlite3_bind_text16(_statement, _positions[index], text));
    }

    private ReusedStatement Bound(int rc) => rc == raw.SQLITE_OK ? this : throw Failure(rc);

    /// <summary>The same exception Microsoft.Data.Sqlite throws for the code, with SQLite's message for it.</summary>
    private SqliteException Failure(int rc) =>
        new(string.Create(CultureInfo.InvariantCulture, $"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'."),
            rc, raw.sqlite3_extended_errcode(_db));
}
