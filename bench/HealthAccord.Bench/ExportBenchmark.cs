using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HealthAccord.Bench.Generation;
using Spectre.Console;

namespace HealthAccord.Bench;

/// <summary>
/// The `export` verb: every grant of a large database exported through GET /api/v1/grants/export in each format, by
/// the app as its own process, with rows per second and the app's memory while it streams. The practical limit in the
/// same run is the sqlite3 shell writing the same grants' own columns as CSV straight from the database file.
/// </summary>
internal static class ExportBenchmark
{
    private static readonly string[] Formats = ["csv", "json", "xlsx", "360giving"];

    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "Grants to generate and import when the database does not exist yet.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated grants.", DefaultValueFactory = _ => 42 };
        var database = new Option<string?>("--database")
        {
            Description = "SQLite file to export from. Used as it is when it exists (with its grants-index beside it); otherwise created " +
                "by generating --count grants and importing them with the app's import verb, and kept for the next run.",
        };
        var runs = new Option<int>("--runs") { Description = "Exports per format; the median time is reported.", DefaultValueFactory = _ => 3 };
        var command = new Command("export", "Export every grant in CSV, JSON, XLSX and 360Giving JSON through the API: rows/s and the app's memory.")
        {
            count, seed, database, runs,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(database), parse.GetValue(runs), ct));
        return command;
    }

    private sealed record Run(double Seconds, double CpuSeconds, long Bytes, long PeakRss, long PeakAnonymous, long RssBefore);

    private static async Task<int> RunAsync(long count, ulong seed, string? database, int runs, CancellationToken ct)
    {
        var temporary = database is null ? Directory.CreateTempSubdirectory("healthaccord-bench-export-").FullName : null;
        var dbPath = Path.GetFullPath(database ?? Path.Combine(temporary!, "export.db"));
        try
        {
            // The index gets a folder named after the database: the default (grants-index beside the file) would be
            // shared by two databases in one folder, and each would then export from the other's index.
            var indexPath = Path.ChangeExtension(dbPath, null) + "-index";
            var settings = new[] { $"--ConnectionStrings:HealthAccord=Data Source={dbPath}", $"--Search:IndexPath={indexPath}" };
            if (!File.Exists(dbPath)) await CreateDatabaseAsync(dbPath, count, seed, settings, ct);
            if (!Directory.Exists(indexPath))
            {
                AnsiConsole.MarkupLine($"[grey]building the search index at {Markup.Escape(indexPath)}[/]");
                if (await RunAsync("dotnet", [AppProcess.WebDll(), "reindex", .. settings, "--Logging:LogLevel:Default=Warning"], ct) != 0)
                    throw new InvalidOperationException("The reindex verb failed.");
            }
            var grants = await SqliteScalarAsync(dbPath, "SELECT COUNT(*) FROM Grants;", ct);

            await using var app = await AppProcess.StartAsync(ct, settings);
            using var client = new HttpClient { Timeout = TimeSpan.FromHours(2) };
            // Opens the index and compiles the queries before anything is timed.
            await ExportOnceAsync(client, app.BaseUrl + "/api/v1/grants/export?format=csv&q=health", app.ProcessId, ct);

            var baseline = new List<double>();
            var results = Formats.ToDictionary(f => f, _ => new List<Run>());
            for (var run = 0; run < runs; run++)
            {
                AnsiConsole.MarkupLine($"[grey]run {run + 1}/{runs}: sqlite3 baseline[/]");
                baseline.Add(await SqliteCsvSecondsAsync(dbPath, ct));
                foreach (var format in Formats)
                {
                    AnsiConsole.MarkupLine($"[grey]run {run + 1}/{runs}: export {format}[/]");
                    results[format].Add(await ExportOnceAsync(client, $"{app.BaseUrl}/api/v1/grants/export?format={format}", app.ProcessId, ct));
                }
            }

            // A Markdown table, as BENCHMARKS.md holds it: the same at any terminal width and when redirected to a file.
            var sqliteRate = grants / Measure.Median(baseline);
            var counted = await CountCsvRowsAsync(client, app.BaseUrl, ct);
            if (counted != grants) throw new InvalidOperationException($"The CSV export held {counted:N0} grants; the database holds {grants:N0}.");
            Console.WriteLine();
            Console.WriteLine("| Export | Seconds (median) | Rows/s | vs sqlite3 | App CPU s | Rows per CPU s | MiB written | Peak RSS MiB | Peak anon. MiB | RSS before MiB |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine($"| sqlite3 -csv, the Grants table's own columns | {F(Measure.Median(baseline), 1)} | {F(sqliteRate, 0)} | 1.00× | | | | | | |");
            foreach (var format in Formats)
            {
                var list = results[format];
                var seconds = Measure.Median(list.Select(r => r.Seconds));
                var cpu = Measure.Median(list.Select(r => r.CpuSeconds));
                Console.WriteLine($"| `{format}` | {F(seconds, 1)} | {F(grants / seconds, 0)} | {F(grants / seconds / sqliteRate, 2)}× | {F(cpu, 1)} | " +
                    $"{F(grants / cpu, 0)} | {F(Mib(list[0].Bytes), 1)} | {F(Mib(list.Max(r => r.PeakRss)), 0)} | " +
                    $"{F(Mib(list.Max(r => r.PeakAnonymous)), 0)} | {F(Mib(list.Min(r => r.RssBefore)), 0)} |");
            }
            Console.WriteLine();
            Console.WriteLine($"{grants:N0} grants in {dbPath}; {runs} run(s) per format, the median time shown; peaks are the largest over the runs.");
            Console.WriteLine("Peak RSS: the kernel's high-water mark (VmHWM), reset before each export; peak anon.: the largest anonymous RSS " +
                "(heap, stacks; not the mapped index and database files) sampled every 20 ms during the export.");
            Console.WriteLine($"All times (s): sqlite3 {string.Join(", ", baseline.Select(s => F(s, 1)))}; " +
                string.Join("; ", Formats.Select(f => $"{f} {string.Join(", ", results[f].Select(r => F(r.Seconds, 1)))}")));
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }
        finally
        {
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>One export read to the end as a client would, timed, with the app's memory around it.</summary>
    private static async Task<Run> ExportOnceAsync(HttpClient client, string url, int pid, CancellationToken ct)
    {
        var peakReset = ProcessMemory.ResetPeak(pid);
        var before = ProcessMemory.Read(pid);
        using var app = Process.GetProcessById(pid);
        var cpuBefore = app.TotalProcessorTime;
        var buffer = new byte[81920];
        long bytes = 0;
        var started = Stopwatch.GetTimestamp();
        long peakAnonymous;
        await using (var watch = new ProcessMemory.PeakWatch(pid))
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0) bytes += read;
            peakAnonymous = watch.PeakAnonymousBytes;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        app.Refresh();
        var cpu = (app.TotalProcessorTime - cpuBefore).TotalSeconds;
        var after = ProcessMemory.Read(pid);
        if (!peakReset) Console.Error.WriteLine("warning: could not reset the app's peak RSS; the peak shown is since it started.");
        return new Run(seconds, cpu, bytes, after.PeakRssBytes, Math.Max(peakAnonymous, after.AnonymousBytes), before.RssBytes);
    }

    /// <summary>Grants in a CSV export of everything, read with CsvHelper (descriptions may hold line breaks).</summary>
    private static async Task<long> CountCsvRowsAsync(HttpClient client, string baseUrl, CancellationToken ct)
    {
        await using var body = await client.GetStreamAsync(baseUrl + "/api/v1/grants/export?format=csv", ct);
        using var reader = new StreamReader(body);
        using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        long rows = -1; // the header
        while (await csv.ReadAsync()) rows++;
        return rows;
    }

    /// <summary>Generates the grants as a 360Giving package and imports it with the app's own CLI, as an operator would.</summary>
    internal static async Task CreateDatabaseAsync(string dbPath, long count, ulong seed, string[] settings, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);
        var package = Path.Combine(Path.GetDirectoryName(dbPath)!, $"generated-{count}-{seed}.json");
        AnsiConsole.MarkupLine($"[grey]generating {count:N0} grants (seed {seed})[/]");
        using (var writer = new ThreeSixtyGivingJsonWriter(package))
        using (var pipeline = new GrantPipeline(new GrantFactory(seed), count))
        {
            foreach (var batch in pipeline.Batches())
            {
                for (var i = 0; i < batch.Count; i++) writer.Write(batch.Grants[i]);
            }
            writer.Complete();
        }
        AnsiConsole.MarkupLine($"[grey]importing them into {Markup.Escape(dbPath)} (database and search index)[/]");
        var started = Stopwatch.GetTimestamp();
        var exit = await RunAsync("dotnet", [AppProcess.WebDll(), "import", package, "--format", "360giving-json", .. settings,
            "--Logging:LogLevel:Default=Warning"], ct);
        File.Delete(package);
        if (exit != 0) throw new InvalidOperationException($"Importing the generated grants failed (exit code {exit}).");
        AnsiConsole.MarkupLine($"[grey]imported in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s[/]");
    }

    /// <summary>The sqlite3 shell writing every grant's own columns as CSV in the export's order, output discarded.</summary>
    private static async Task<double> SqliteCsvSecondsAsync(string dbPath, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var exit = await RunAsync("sqlite3", ["-csv", "-header", "-readonly", dbPath,
            "SELECT Id, Identifier, Title, Description, AmountAwarded, Currency, AmountEur, EurRate, EurRateDate, AwardDate, PlannedStart, " +
            "PlannedEnd, Programme, Call, Topic, SourceDataset, SourceRow, UpdatedAt FROM Grants ORDER BY AwardDate DESC, Id;"], ct, discardOutput: true);
        if (exit != 0) throw new InvalidOperationException("sqlite3 failed; install it with apt-get install sqlite3.");
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    internal static async Task<long> SqliteScalarAsync(string dbPath, string sql, CancellationToken ct)
    {
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-readonly", dbPath, sql }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("sqlite3 did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<int> RunAsync(string program, string[] args, CancellationToken ct, bool discardOutput = false)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = discardOutput };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        if (discardOutput) await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

    private static string F(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
