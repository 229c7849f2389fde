using HealthAccord.Web.Grants.Import.Sqlite;
using Microsoft.Data.Sqlite;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The import writes its rows through SQLite's own interface (<see cref="ReusedStatement"/>) while EF Core reads them
/// back through Microsoft.Data.Sqlite. Every kind of value the import writes must be stored exactly as
/// Microsoft.Data.Sqlite would have stored it: same storage class, same bytes.
/// </summary>
public sealed class ReusedStatementTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reused-statement-").FullName;
    private readonly SqliteConnection _connection;

    public ReusedStatementTests()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "values.db")};Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = """CREATE TABLE "Values" ("Id" INTEGER PRIMARY KEY, "Value" ANY) STRICT""";
        create.ExecuteNonQuery();
    }

    public static TheoryData<string, object?> Values => new()
    {
        { "text", "Malaria vaccine trial" },
        { "text outside ASCII", "Zürich – Ålesund ☃ 北京" },
        { "empty text", "" },
        { "null", null },
        { "long", 9_007_199_254_740_993L },
        { "int", -42 },
        { "true", true },
        { "false", false },
        { "whole decimal", 125_000m },
        { "decimal with a trailing zero", 1.50m },
        { "negative decimal", -3.25m },
        { "small decimal", 0.000001m },
        { "zero", 0m },
        { "largest decimal", decimal.MaxValue },
        { "many decimal places", 1.2345678901234567890123456789m },
        { "date", new DateOnly(2024, 5, 6) },
        { "first date", DateOnly.MinValue },
        { "UTC time with ticks", new DateTime(2026, 11, 29, 8, 12, 13, DateTimeKind.Utc).AddTicks(1_234_567) },
        { "UTC time on the second", new DateTime(2026, 11, 29, 8, 12, 13, DateTimeKind.Utc) },
        { "unspecified time", new DateTime(2020, 2, 29, 23, 59, 59, 500, DateTimeKind.Unspecified) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_stored_as_Microsoft_Data_Sqlite_stores_it(string kind, object? value)
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = """INSERT INTO "Values" ("Id", "Value") VALUES (1, $value)""";
            command.Parameters.AddWithValue("$value", value ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
        using (var statement = ReusedStatement.Insert(_connection, "Values", "Id", "Value"))
        {
            statement.Set(0, 2L);
            _ = value switch
            {
                null => statement.Set(1, (string?)null),
                string text => statement.Set(1, text),
                long number => statement.Set(1, number),
                int number => statement.Set(1, number),
                bool flag => statement.Set(1, flag),
                decimal number => statement.Set(1, number),
                DateOnly date => statement.Set(1, date),
                DateTime time => statement.Set(1, time),
                _ => throw new ArgumentOutOfRangeException(nameof(value), kind),
            };
            statement.Execute();
        }

        Assert.Equal(Stored(1), Stored(2));
    }

    [Fact]
    public void A_failed_run_throws_SQLite_s_error_and_leaves_the_statement_ready_for_the_next()
    {
        using var statement = ReusedStatement.Insert(_connection, "Values", "Id", "Value");
        statement.Set(0, 1L).Set(1, "first").Execute();

        var failure = Assert.Throws<SqliteException>(() => statement.Set(0, 1L).Set(1, "again").Execute());
        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE constraint failed", failure.Message, StringComparison.Ordinal);

        statement.Set(0, 2L).Set(1, "second").Execute();
        Assert.Equal(("text", "7365636F6E64"), Stored(2));
    }

    [Fact]
    public void Parameters_are_numbered_by_name_wherever_they_stand_in_the_statement()
    {
        using (var insert = ReusedStatement.Insert(_connection, "Values", "Id", "Value")) insert.Set(0, 1L).Set(1, "before").Execute();
        // $p0 comes last, as in the import's update of a grant, so SQLite gives it the highest position.
        using var update = new ReusedStatement(_connection, """UPDATE "Values" SET "Value" = $p1 WHERE "Id" = $p0""");

        update.Set(0, 1L).Set(1, "after").Execute();

        Assert.Equal(("text", "6166746572"), Stored(1));
    }

    [Fact]
    public void Values_do_not_carry_over_from_one_run_to_the_next()
    {
        using var statement = ReusedStatement.Insert(_connection, "Values", "Id", "Value");
        statement.Set(0, 1L).Set(1, "set").Execute();
        statement.Set(0, 2L).Execute();

        Assert.Equal(("null", ""), Stored(2));
    }

    private (string Type, string Hex) Stored(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """SELECT typeof("Value"), hex("Value") FROM "Values" WHERE "Id" = $id""";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetString(1));
    }

    public void Dispose()
    {
        _connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
