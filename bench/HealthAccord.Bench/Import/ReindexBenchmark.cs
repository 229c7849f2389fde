using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace HealthAccord.Bench.Import;

/// <summary>
/// The <c>reindex</c> verb: rebuilds the search index of a large database with the app's <c>reindex</c> verb, with one
/// writer thread (the baseline: what a rebuild beside a running site uses) and with the verb's default of one per core,
/// alternating, and reports median times, CPU, peak memory and the ratio.
/// </summary>
internal static class ReindexBenchmark
{
    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "Grants to generate and import when the database does not exist yet.", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };
        var database = new Option<string>("--database")
        {
            Description = "The app's SQLite database to rebuild the index of; created by generating --count grants and importing them when missing, and kept.",
            Required = true,
        };
        var runs = new Option<int>("--runs") { Description = "Runs of each setting, interleaved; medians are reported.", DefaultValueFactory = _ => 3 };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--runs must be at least 1.");
        });
        var command = new Command("reindex", "Rebuild the grant search index from the database with one writer thread and with one per core.")
        {
            count, seed, database, runs,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(database)!, parse.GetValue(runs), ct));
        return command;
    }

    private static async Task<int> RunAsync(long count, ulong seed, string database, int runs, CancellationToken ct)
    {
        var dbPath = Path.GetFullPath(database);
        var folder = Path.GetDirectoryName(dbPath)!;
        var indexPath = Path.Combine(folder, "reindex-bench-index");
        string[] settings = [$"--ConnectionStrings:HealthAccord=Data Source={dbPath}", $"--Search:IndexPath={indexPath}"];
        if (!File.Exists(dbPath)) await ExportBenchmark.CreateDatabaseAsync(dbPath, count, seed, settings, ct);
        var load = LoadAverage();

        var results = new Dictionary<string, List<ProcessRun>> { ["1 writer (baseline)"] = [], ["default (one per core)"] = [] };
        for (var run = 1; run <= runs; run++)
        {
            // Alternate which goes first, so neither always meets a warmer or colder page cache.
            var order = run % 2 == 1 ? results.Keys.ToArray() : [.. results.Keys.Reverse()];
            foreach (var setting in order)
            {
                AnsiConsole.MarkupLine($"[grey]run {run}/{runs}: {setting} (load average {LoadAverage()})[/]");
                string[] writers = setting.StartsWith('1') ? ["--Search:RebuildWriters=1"] : [];
                var result = await ProcessRun.TimedAsync("dotnet",
                    [AppProcess.WebDll(), "reindex", .. settings, .. writers, "--Logging:LogLevel:Default=Warning"], folder, ct,
                    new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
                if (!result.Output.Contains(string.Create(CultureInfo.InvariantCulture, $"Indexed {count:N0} grants"), StringComparison.Ordinal))
                    throw new InvalidOperationException($"The reindex verb did not index {count:N0} grants (pass the database's --count):\n{result.Output}");
                results[setting].Add(result);
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[grey]  {result.Wall.TotalSeconds:F1} s, CPU {result.CpuSeconds:F1} s, {result.PeakMb:F0} MB[/]"));
            }
        }

        var baseline = Measure.Median(results.Values.First().Select(r => r.Wall.TotalSeconds));
        var table = new Table().AddColumns("Writers", "Seconds (median)", "Grants/s", "CPU s (median)", "Peak MB (max)", "Time vs baseline");
        foreach (var (setting, list) in results)
        {
            var seconds = Measure.Median(list.Select(r => r.Wall.TotalSeconds));
            table.AddRow(setting, F(seconds, 1), F(count / seconds, 0), F(Measure.Median(list.Select(r => r.CpuSeconds)), 1),
                F(list.Max(r => r.PeakMb), 0), F(seconds / baseline, 2) + "x");
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"{count:N0} grants in {dbPath}, {runs} interleaved runs each. Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {load} at the start and {LoadAverage()} at the end");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
