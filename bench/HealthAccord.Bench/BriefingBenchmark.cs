using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace HealthAccord.Bench;

/// <summary>
/// The `briefing` verb: GET /api/v1/pathogens/{code}/briefing against a large database, for a common and a rare
/// pathogen, cold and warm, beside the practical limit of the question's simplest part — the sqlite3 shell counting and
/// summing the pathogen's grants (<c>SELECT COUNT(*), SUM(AmountEur) …</c>) on the same file.
/// </summary>
internal static partial class BriefingBenchmark
{
    /// <summary>The issue's target for the briefing at a million grants.</summary>
    private const double TargetMs = 500;

    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "Grants to generate and import when the database does not exist yet.", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated grants.", DefaultValueFactory = _ => 42 };
        var database = new Option<string?>("--database")
        {
            Description = "SQLite file to brief from. Used as it is when it exists (the app migrates it first, which adds the briefing's " +
                "index); otherwise created by generating --count grants and importing them with the app's import verb, and kept.",
        };
        var runs = new Option<int>("--runs") { Description = "App starts (each gives one cold request per pathogen); the medians are reported.", DefaultValueFactory = _ => 3 };
        var warm = new Option<int>("--warm") { Description = "Warm requests per pathogen and run.", DefaultValueFactory = _ => 10 };
        var pathogens = new Option<string>("--pathogens") { Description = "Pathogen codes, comma-separated.", DefaultValueFactory = _ => "covid-19,hiv,ebola,mpox" };
        var command = new Command("briefing", "Time the pathogen briefing (GET /api/v1/pathogens/{code}/briefing) cold and warm, beside sqlite3 counting and summing the same grants.")
        {
            count, seed, database, runs, warm, pathogens,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(database), parse.GetValue(runs),
            parse.GetValue(warm), parse.GetValue(pathogens)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), ct));
        return command;
    }

    private sealed record Sample(double Ms, double CpuMs);

    private static async Task<int> RunAsync(long count, ulong seed, string? database, int runs, int warmRequests, string[] pathogens, CancellationToken ct)
    {
        var temporary = database is null ? Directory.CreateTempSubdirectory("healthaccord-bench-briefing-").FullName : null;
        var dbPath = Path.GetFullPath(database ?? Path.Combine(temporary!, "briefing.db"));
        try
        {
            var indexPath = Path.ChangeExtension(dbPath, null) + "-index";
            var settings = new[] { $"--ConnectionStrings:HealthAccord=Data Source={dbPath}", $"--Search:IndexPath={indexPath}" };
            if (!File.Exists(dbPath)) await ExportBenchmark.CreateDatabaseAsync(dbPath, count, seed, settings, ct);
            var grants = await ExportBenchmark.SqliteScalarAsync(dbPath, "SELECT COUNT(*) FROM Grants;", ct);
            var tagged = new Dictionary<string, long>();
            foreach (var code in pathogens)
                tagged[code] = await ExportBenchmark.SqliteScalarAsync(dbPath, $"SELECT COUNT(*) FROM GrantPathogens WHERE Pathogen = '{code.Replace("'", "''", StringComparison.Ordinal)}';", ct);

            var appFirst = pathogens.ToDictionary(p => p, _ => new List<Sample>());
            var appCold = pathogens.ToDictionary(p => p, _ => new List<Sample>());
            var appWarm = pathogens.ToDictionary(p => p, _ => new List<Sample>());
            var shellCold = pathogens.ToDictionary(p => p, _ => new List<double>());
            var shellWarm = pathogens.ToDictionary(p => p, _ => new List<double>());
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            for (var run = 0; run < runs; run++)
            {
                AnsiConsole.MarkupLine($"[grey]run {run + 1}/{runs}: sqlite3 baseline[/]");
                foreach (var code in pathogens)
                {
                    var (cold, warm) = await ShellCountAndSumAsync(dbPath, code, ct);
                    shellCold[code].Add(cold);
                    shellWarm[code].Add(warm);
                }

                AnsiConsole.MarkupLine($"[grey]run {run + 1}/{runs}: app[/]");
                await using var app = await AppProcess.StartAsync(ct, settings);
                // The very first briefing after start also pays for JIT and EF Core compiling the queries: shown apart,
                // for one pathogen per run in turn, so "cold" below is a warmed-up app meeting a pathogen for the first time.
                var first = pathogens[run % pathogens.Length];
                appFirst[first].Add(await BriefAsync(client, app, first, ct));
                foreach (var code in pathogens)
                {
                    if (code != first) appCold[code].Add(await BriefAsync(client, app, code, ct));
                    for (var i = 0; i < warmRequests; i++) appWarm[code].Add(await BriefAsync(client, app, code, ct));
                }
            }

            Console.WriteLine();
            Console.WriteLine("| Pathogen | Grants tagged | sqlite3 COUNT+SUM cold ms | sqlite3 warm ms | App first request after start ms | App cold ms | App warm ms (median) | App warm ms (p90) | App CPU ms per warm request | ≤ 500 ms warm |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var code in pathogens)
            {
                var warm = appWarm[code].Select(s => s.Ms).Order().ToArray();
                var warmMedian = Measure.Median(warm);
                Console.WriteLine($"| `{code}` | {tagged[code]:N0} | {F(Measure.Median(shellCold[code]))} | {F(Measure.Median(shellWarm[code]))} | " +
                    $"{(appFirst[code].Count == 0 ? "" : F(Measure.Median(appFirst[code].Select(s => s.Ms))))} | " +
                    $"{(appCold[code].Count == 0 ? "" : F(Measure.Median(appCold[code].Select(s => s.Ms))))} | {F(warmMedian)} | " +
                    $"{F(Measure.Percentile(warm, 0.9))} | {F(Measure.Median(appWarm[code].Select(s => s.CpuMs)))} | {(warmMedian <= TargetMs ? "yes" : "no")} |");
            }
            Console.WriteLine();
            Console.WriteLine($"{grants:N0} grants in {dbPath}; {runs} app start(s), {warmRequests} warm request(s) per pathogen per start.");
            Console.WriteLine("All app times (ms): " + string.Join("; ", pathogens.Select(p =>
                $"{p} first {Join(appFirst[p])}, cold {Join(appCold[p])}, warm {Join(appWarm[p])}")));
            Console.WriteLine("All sqlite3 times (ms): " + string.Join("; ", pathogens.Select(p =>
                $"{p} cold {string.Join(", ", shellCold[p].Select(F))}, warm {string.Join(", ", shellWarm[p].Select(F))}")));
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }
        finally
        {
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
    }

    private static string Join(List<Sample> samples) => string.Join(", ", samples.Select(s => F(s.Ms)));

    /// <summary>One briefing read to the end as a client would, with the app's CPU time spent on it.</summary>
    private static async Task<Sample> BriefAsync(HttpClient client, AppProcess app, string code, CancellationToken ct)
    {
        using var process = Process.GetProcessById(app.ProcessId);
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync($"{app.BaseUrl}/api/v1/pathogens/{code}/briefing", ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(ct);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        process.Refresh();
        return new Sample(ms, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    [GeneratedRegex(@"Run Time: real ([\d.]+)")]
    private static partial Regex RunTime();

    /// <summary>
    /// The sqlite3 shell counting and summing the pathogen's grants twice in one process, timed by its own timer:
    /// the first on an empty page cache (the operating system's may hold the file), the second with the pages cached.
    /// </summary>
    private static async Task<(double ColdMs, double WarmMs)> ShellCountAndSumAsync(string dbPath, string code, CancellationToken ct)
    {
        var sql = $"SELECT COUNT(*), SUM(AmountEur) FROM Grants WHERE Id IN (SELECT GrantId FROM GrantPathogens WHERE Pathogen = '{code.Replace("'", "''", StringComparison.Ordinal)}');";
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-readonly", dbPath }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("sqlite3 did not start; install it with apt-get install sqlite3.");
        await process.StandardInput.WriteLineAsync($".timer on\n{sql}\n{sql}\n".AsMemory(), ct);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var times = RunTime().Matches(output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000).ToList();
        if (times.Count != 2) throw new InvalidOperationException($"sqlite3 printed no timings:\n{output}");
        return (times[0], times[1]);
    }

    private static string F(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}
