namespace HealthAccord.Bench.Import;

/// <summary>
/// The practical limit for loading the grants: the sqlite3 command-line shell, in one process, reading the CSV with
/// <c>.import</c> into a table shaped like the app's Grants table, adding its two indexes, and building an FTS5 index
/// over title and description from it — the same searchable text the app's import makes, without the app's
/// participants, organisations, tags and facets.
/// </summary>
internal static class SqliteShellBaseline
{
    /// <summary>
    /// The shell's defaults (rollback journal, full sync), and indexes built after the rows are in, which is the
    /// fastest order for a bulk load. <c>.import</c> runs in one transaction.
    /// </summary>
    public static string Script(string csvPath) => $"""
        CREATE TABLE "Grants" (
            "Id" INTEGER NOT NULL PRIMARY KEY,
            "Identifier" TEXT NOT NULL,
            "Title" TEXT NOT NULL,
            "Description" TEXT NULL,
            "Currency" TEXT NOT NULL,
            "AmountAwarded" TEXT NOT NULL,
            "AwardDate" TEXT NOT NULL,
            "PlannedStart" TEXT NULL,
            "PlannedEnd" TEXT NULL,
            "Programme" TEXT NULL,
            "SourceDataset" TEXT NOT NULL,
            "SourceRow" INTEGER NOT NULL);
        .import --csv --skip 1 '{csvPath}' Grants
        CREATE UNIQUE INDEX "IX_Grants_Identifier" ON "Grants" ("Identifier");
        CREATE INDEX "IX_Grants_AwardDate" ON "Grants" ("AwardDate");
        CREATE VIRTUAL TABLE "GrantsText" USING fts5("Title", "Description", content='Grants', content_rowid='Id');
        INSERT INTO "GrantsText"("GrantsText") VALUES ('rebuild');
        SELECT count(*) FROM "Grants";
        """;

    public static async Task<ProcessRun> RunAsync(string folder, string csvPath, CancellationToken ct)
    {
        var script = Path.Combine(folder, "baseline.sql");
        await File.WriteAllTextAsync(script, Script(csvPath), ct);
        return await ProcessRun.TimedAsync("sqlite3", [Path.Combine(folder, "baseline.db"), $".read '{script}'"], folder, ct);
    }
}
