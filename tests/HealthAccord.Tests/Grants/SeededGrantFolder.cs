using HealthAccord.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// A SQLite database with grants already imported, and its search index beside it, made once per test class by the
/// real `import` verb. Each test works on its own copy (<see cref="CopyAsync"/>), so what one test's import does
/// cannot show up in another's.
/// </summary>
public sealed class SeededGrantFolder : IAsyncLifetime
{
    public const string DatabaseFile = "healthaccord.db";
    public const string IndexFolder = "grants-index";

    /// <summary>Identifiers of the grants in the seeded database.</summary>
    public static readonly string[] SeededIds = ["SEED-1", "SEED-2", "SEED-3", "SEED-4", "SEED-5"];

    private readonly string _template = Directory.CreateTempSubdirectory("healthaccord-seeded-").FullName;

    public async ValueTask InitializeAsync()
    {
        var grants = SeededIds.Select((id, i) =>
        {
            var grant = GrantFiles.ValidGrant(id);
            grant["title"] = $"Seeded grant {i + 1}: community health workers for malaria follow-up";
            grant["amountAwarded"] = 10_000 * (i + 1);
            return grant;
        }).ToArray();
        var seed = Path.Combine(_template, "seed.json");
        await File.WriteAllTextAsync(seed, GrantFiles.Package(grants), TestContext.Current.CancellationToken);

        var result = await ImportAsync(_template, seed, "360giving-json");
        if (result.ExitCode != 0) throw new InvalidOperationException($"Seeding failed with exit code {result.ExitCode}: {result.Errors}");
        File.Delete(seed);
    }

    /// <summary>Runs `import FILE --format FORMAT` against the database in <paramref name="folder"/>.</summary>
    public static Task<CliProcess.Result> ImportAsync(string folder, string file, string format, params string[] more) =>
        CliProcess.RunInAsync(folder, ["import", file, "--format", format, .. more, "--Database:Provider=Sqlite",
            $"--ConnectionStrings:HealthAccord=Data Source={Path.Combine(folder, DatabaseFile)}"]);

    /// <summary>A private copy of the seeded database and index, removed when disposed.</summary>
    public GrantStoreCopy Copy()
    {
        var folder = Directory.CreateTempSubdirectory("healthaccord-badfile-").FullName;
        // The seeding process has exited, so its WAL was checkpointed; any -wal or -shm left is copied along.
        foreach (var file in Directory.EnumerateFiles(_template, DatabaseFile + "*"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        CopyFolder(Path.Combine(_template, IndexFolder), Path.Combine(folder, IndexFolder));
        return new GrantStoreCopy(folder);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_template, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One test's copy of the seeded database and index, and the bad files it writes beside them.</summary>
public sealed class GrantStoreCopy(string folder) : IDisposable
{
    public string Folder { get; } = folder;

    public string DatabasePath => Path.Combine(Folder, SeededGrantFolder.DatabaseFile);

    public string IndexFolder => Path.Combine(Folder, SeededGrantFolder.IndexFolder);

    public GrantStoreSnapshot Snapshot() => GrantStoreSnapshot.Take(DatabasePath, IndexFolder);

    public Task<CliProcess.Result> ImportAsync(string file, string format, params string[] more) =>
        SeededGrantFolder.ImportAsync(Folder, file, format, more);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
