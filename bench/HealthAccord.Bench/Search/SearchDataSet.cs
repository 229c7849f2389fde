using System.Diagnostics;
using System.Globalization;
using HealthAccord.Bench.Generation;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace HealthAccord.Bench.Search;

/// <summary>
/// The folder a search benchmark runs on: the app's SQLite database and the Lucene index beside it, both filled by the
/// app's own `import` verb from generated grants, and the FTS5 baseline file built from the same rows. Each part is
/// built only when missing, so a second run with the same folder starts measuring at once.
/// </summary>
internal sealed class SearchDataSet
{
    private const string GrantsFile = "grants.json";
    private const string DatabaseFile = "healthaccord.db";
    private const string IndexFolder = "grants-index";
    private const string BaselineFile = "fts5-baseline.db";

    private SearchDataSet(string folder, long count)
    {
        Folder = folder;
        Count = count;
    }

    public string Folder { get; }

    public long Count { get; }

    public string DatabasePath => Path.Combine(Folder, DatabaseFile);

    public string BaselinePath => Path.Combine(Folder, BaselineFile);

    /// <summary>Reuses what <paramref name="folder"/> holds, building what is missing for <paramref name="count"/> grants of <paramref name="seed"/>.</summary>
    public static async Task<SearchDataSet> PrepareAsync(string folder, long count, ulong seed, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var set = new SearchDataSet(Path.GetFullPath(folder), count);
        var held = File.Exists(set.DatabasePath) ? CountRows(set.DatabasePath, "Grants") : 0;
        if (held != 0 && held != count)
            throw new InvalidOperationException($"{set.DatabasePath} holds {held:N0} grants, not {count:N0}: pass --count {held} or another --data folder.");
        if (held == 0) await set.ImportAsync(seed, ct);
        else AnsiConsole.MarkupLine($"[grey]Reusing {held:N0} grants in {Markup.Escape(set.DatabasePath)}[/]");

        // An import that finished its database transaction but not its index (a killed run) leaves the index behind.
        if (!File.Exists(Path.Combine(set.Folder, IndexFolder, "current")))
        {
            AnsiConsole.MarkupLine("[grey]No search index beside the database: running the app's reindex verb[/]");
            await WebCli.RunAsync(set.DatabasePath, ct, "reindex");
        }
        if (!File.Exists(set.BaselinePath) || CountRows(set.BaselinePath, "grants_fts") != count) set.BuildBaseline();
        return set;
    }

    private async Task ImportAsync(ulong seed, CancellationToken ct)
    {
        var json = Path.Combine(Folder, GrantsFile);
        AnsiConsole.MarkupLine($"[grey]Generating {Count:N0} grants (seed {seed}) into {Markup.Escape(json)}[/]");
        // The generate verb itself, so the grants are those `generate --count N --seed S` writes.
        var generated = await GenerateCommand.Create().Parse(["--count", Count.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--output", json]).InvokeAsync(cancellationToken: ct);
        if (generated != 0) throw new InvalidOperationException($"Generating the grants failed with exit code {generated}.");

        AnsiConsole.MarkupLine("[grey]Importing them with the app's own import verb (database and search index)[/]");
        var started = Stopwatch.GetTimestamp();
        await WebCli.RunAsync(DatabasePath, ct, "import", json, "--format", "360giving-json");
        AnsiConsole.MarkupLine($"[grey]Imported in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s[/]");
        // The file can be generated again byte for byte; at a million grants it is 1.35 GiB not worth keeping.
        File.Delete(json);
    }

    /// <summary>
    /// An FTS5 table over the same rows' title and description, with the Porter stemmer because the app's analyzer
    /// stems too (so both find "supported" for "support"), merged into one b-tree with FTS5's 'optimize' as a
    /// read-mostly table would be.
    /// </summary>
    private void BuildBaseline()
    {
        AnsiConsole.MarkupLine($"[grey]Building the FTS5 baseline {Markup.Escape(BaselinePath)} from the app's rows[/]");
        var started = Stopwatch.GetTimestamp();
        File.Delete(BaselinePath);
        using var connection = new SqliteConnection($"Data Source={BaselinePath};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $app AS app";
            attach.Parameters.AddWithValue("$app", DatabasePath);
            attach.ExecuteNonQuery();
        }
        Execute(connection, """
            CREATE VIRTUAL TABLE grants_fts USING fts5(title, description, tokenize = 'porter unicode61');
            INSERT INTO grants_fts(rowid, title, description) SELECT Id, Title, Description FROM app.Grants;
            INSERT INTO grants_fts(grants_fts) VALUES ('optimize');
            """);
        AnsiConsole.MarkupLine($"[grey]Built in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s[/]");
    }

    private static long CountRows(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = $table";
        exists.Parameters.AddWithValue("$table", table);
        if ((long)exists.ExecuteScalar()! == 0) return 0;
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table}";
        return (long)count.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
