using System.CommandLine;
using System.Runtime.Versioning;
using HealthAccord.Bench;
using HealthAccord.Bench.Generation;
using HealthAccord.Bench.Search;

// Benchmarks for BENCHMARKS.md. Run in Release: dotnet run -c Release --project bench/HealthAccord.Bench -- registry
// Grant import: dotnet run -c Release --project bench/HealthAccord.Bench -- import --count 1000000 --runs 3
// Grant search at 100,000 grants: dotnet run -c Release --project bench/HealthAccord.Bench -- search --count 100000 --data /tmp/search-100k
// Pathogen briefing at 1,000,000 grants: dotnet run -c Release --project bench/HealthAccord.Bench -- briefing --database /tmp/briefing-1m/briefing.db
// Index rebuild at 1,000,000 grants: dotnet run -c Release --project bench/HealthAccord.Bench -- reindex --database /tmp/reindex-1m/healthaccord.db
// Synthetic grants: dotnet run -c Release --project bench/HealthAccord.Bench -- generate --count 1000000 --seed 42 --format 360giving-json --output /tmp/grants.json
// Outbreak alerts to 100 funders: dotnet run -c Release --project bench/HealthAccord.Bench -- notify --funders 100 --runs 5
// Linux only: the baselines are Debian tools (wrk, nginx, sqlite3).
[assembly: SupportedOSPlatform("linux")]
var root = new RootCommand("HealthAccord benchmarks: each verb measures the product against a practical limit in the same run.");

var requests = new Option<int>("--requests") { Description = "Sequential requests per URL for the latency medians.", DefaultValueFactory = _ => 2000 };
var duration = new Option<int>("--duration") { Description = "Seconds per wrk run.", DefaultValueFactory = _ => 10 };
var runs = new Option<int>("--runs") { Description = "wrk runs per target; the median is reported.", DefaultValueFactory = _ => 3 };
var connections = new Option<int>("--connections") { Description = "wrk connections.", DefaultValueFactory = _ => 32 };
var registry = new Command("registry", "Latency and throughput of the partnership page and GET /api/v1/partnerships, beside nginx serving a static copy of the page.")
{
    requests, duration, runs, connections,
};
registry.SetAction((parse, ct) => RegistryBenchmark.RunAsync(new RegistryBenchmark.Settings(
    parse.GetValue(requests), parse.GetValue(duration), parse.GetValue(runs), parse.GetValue(connections)), ct));
root.Subcommands.Add(registry);
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(HealthAccord.Bench.Import.ImportBenchmark.Create());
root.Subcommands.Add(HealthAccord.Bench.Import.ReindexBenchmark.Create());
root.Subcommands.Add(ExportBenchmark.Create());
root.Subcommands.Add(NotifyBenchmark.Create());
root.Subcommands.Add(BriefingBenchmark.Create());
root.Subcommands.Add(ReferenceTableCommands.WordFrequenciesVerb());
root.Subcommands.Add(ReferenceTableCommands.ExchangeRatesVerb());

return await root.Parse(args).InvokeAsync();
