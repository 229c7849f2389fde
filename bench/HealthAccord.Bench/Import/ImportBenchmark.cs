using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HealthAccord.Bench.Generation;
using Spectre.Console;

namespace HealthAccord.Bench.Import;

/// <summary>
/// The <c>import</c> verb: generates N grants once (as the 360Giving JSON the app imports and as the CSV the
/// baseline loads), then runs the sqlite3 baseline and the app's import in turn, several times, each on fresh files,
/// and reports median rates, the app's rate as a share of the baseline's, and peak memory.
/// </summary>
internal static class ImportBenchmark
{
    private const string DatasetName = "grants.json";

    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "Grants to generate and import.", DefaultValueFactory = _ => 1_000_000 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 1) r.AddError("--count must be at least 1.");
        });
        var runs = new Option<int>("--runs") { Description = "Runs of each target, interleaved; medians are reported.", DefaultValueFactory = _ => 3 };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--runs must be at least 1.");
        });
        var seed = new Option<ulong>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };
        var command = new Command("import",
            "Bulk grant import (database and search index) beside the sqlite3 shell loading the same grants with .import and building an FTS5 index.")
        {
            count, runs, seed,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), parse.GetValue(runs), parse.GetValue(seed), ct));
        return command;
    }

    private static async Task<int> RunAsync(long count, int runs, ulong seed, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("healthaccord-import-bench-").FullName;
        try
        {
            var json = Path.Combine(folder, DatasetName);
            var csv = Path.Combine(folder, "grants.csv");
            AnsiConsole.MarkupLine($"[grey]generating {count:N0} grants (seed {seed}) into {folder}[/]");
            Generate(count, seed, json, csv);

            var baseline = new List<ProcessRun>();
            var app = new List<ProcessRun>();
            var stages = new List<string>();
            var loads = new List<string> { LoadAverage() };
            for (var run = 1; run <= runs; run++)
            {
                // Alternate which goes first, so neither always meets a warmer or colder page cache.
                var order = run % 2 == 1 ? new[] { "baseline", "app" } : ["app", "baseline"];
                foreach (var target in order)
                {
                    AnsiConsole.MarkupLine($"[grey]run {run}/{runs}: {target} (load average {LoadAverage()})[/]");
                    var runFolder = Directory.CreateDirectory(Path.Combine(folder, $"{target}-{run}")).FullName;
                    if (target == "baseline")
                    {
                        var result = await SqliteShellBaseline.RunAsync(runFolder, csv, ct);
                        if (!result.Output.Trim().EndsWith(count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                            throw new InvalidOperationException($"sqlite3 did not load {count} rows:\n{result.Output}");
                        baseline.Add(result);
                    }
                    else
                    {
                        var (result, stageLine) = await AppImportRun.RunAsync(runFolder, json, count, ct);
                        app.Add(result);
                        stages.Add(stageLine);
                    }
                    AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(Describe(count, (target == "baseline" ? baseline : app)[^1]))}[/]");
                    Directory.Delete(runFolder, recursive: true);
                }
            }
            loads.Add(LoadAverage());
            Report(count, baseline, app, stages, loads);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Generate(long count, ulong seed, string json, string csv)
    {
        var watch = Stopwatch.StartNew();
        using var jsonWriter = new ThreeSixtyGivingJsonWriter(json);
        using var csvWriter = new GrantsCsvWriter(csv, DatasetName);
        using (var pipeline = new GrantPipeline(new GrantFactory(seed), count))
        {
            foreach (var batch in pipeline.Batches())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    jsonWriter.Write(batch.Grants[i]);
                    csvWriter.Write(batch.Grants[i]);
                }
            }
        }
        jsonWriter.Complete();
        csvWriter.Complete();
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]generated in {watch.Elapsed.TotalSeconds:F1} s: JSON {new FileInfo(json).Length / 1048576.0:F0} MiB, CSV {new FileInfo(csv).Length / 1048576.0:F0} MiB[/]"));
    }

    private static void Report(long count, List<ProcessRun> baseline, List<ProcessRun> app, List<string> stages, List<string> loads)
    {
        static double Rate(long count, ProcessRun run) => count / run.Wall.TotalSeconds;
        var baselineRate = Measure.Median(baseline.Select(r => Rate(count, r)));
        var appRate = Measure.Median(app.Select(r => Rate(count, r)));
        var table = new Table().AddColumns("Target", "Rows/s (median)", "Seconds (median)", "CPU s (median)", "Peak MB (max)", "vs baseline");
        table.AddRow("sqlite3 .import + FTS5 (baseline)", F(baselineRate, 0), F(Measure.Median(baseline.Select(r => r.Wall.TotalSeconds)), 1),
            F(Measure.Median(baseline.Select(r => r.CpuSeconds)), 1), F(baseline.Max(r => r.PeakMb), 0), "1.00x");
        table.AddRow("app: import --format 360giving-json", F(appRate, 0), F(Measure.Median(app.Select(r => r.Wall.TotalSeconds)), 1),
            F(Measure.Median(app.Select(r => r.CpuSeconds)), 1), F(app.Max(r => r.PeakMb), 0), F(appRate / baselineRate, 2) + "x");
        AnsiConsole.Write(table);
        Console.WriteLine();
        Console.WriteLine($"{count:N0} grants, {baseline.Count} interleaved runs each. All runs: baseline {string.Join(", ", baseline.Select(r => Describe(count, r)))} | " +
            $"app {string.Join(", ", app.Select(r => Describe(count, r)))}");
        Console.WriteLine($"App stage busy times per run: {string.Join(" | ", stages)}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
            $"load average {loads[0]} at the start and {loads[^1]} at the end");
    }

    private static string Describe(long count, ProcessRun run) => string.Create(CultureInfo.InvariantCulture,
        $"{count / run.Wall.TotalSeconds:F0} rows/s ({run.Wall.TotalSeconds:F1} s, CPU {run.CpuSeconds:F1} s, {run.PeakMb:F0} MB)");

    /// <summary>The 1-minute load average: the machine is shared, and the figures mean little without it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
