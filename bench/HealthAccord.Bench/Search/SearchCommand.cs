using System.CommandLine;

namespace HealthAccord.Bench.Search;

/// <summary>The `search` verb's options; <see cref="SearchBenchmark"/> does the work.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "Grants to generate and import.", DefaultValueFactory = _ => 1_000_000 };
        count.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1_000) r.AddError("--count must be at least 1,000, or the word ranks mean little."); });
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated grants and of the query mix.", DefaultValueFactory = _ => 42 };
        var data = new Option<string?>("--data")
        {
            Description = "Folder for the database, index and FTS5 baseline: reused when it holds them (for the same --count), built otherwise. " +
                "A new temporary folder when omitted (kept, and named at the end).",
        };
        var queries = new Option<int>("--queries") { Description = "Queries per third of the mix.", DefaultValueFactory = _ => 100 };
        queries.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 3) r.AddError("--queries must be at least 3 (one of each length)."); });
        var rounds = new Option<int>("--rounds") { Description = "Measured passes over the mix; the median of their percentiles is reported.", DefaultValueFactory = _ => 5 };
        rounds.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--rounds must be at least 1."); });

        var command = new Command("search", "Grant search through GET /api/v1/grants on generated grants, over a fixed mix of frequent, middle and rare words with two facets selected, beside SQLite FTS5 on the same rows.")
        {
            count, seed, data, queries, rounds,
        };
        command.SetAction((parse, ct) => SearchBenchmark.RunAsync(new SearchBenchmark.Settings(
            parse.GetValue(count), parse.GetValue(seed), parse.GetValue(data), parse.GetValue(queries), parse.GetValue(rounds)), ct));
        return command;
    }
}
