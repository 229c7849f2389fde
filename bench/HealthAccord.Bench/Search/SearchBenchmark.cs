using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace HealthAccord.Bench.Search;

/// <summary>
/// Grant search through the HTTP API on N generated grants, over the fixed query mix (a third each of most frequent,
/// middle and rarer words, every query with a funder and a year selected and facet counts returned), beside the
/// most-frequent third run directly in SQLite FTS5 on the same rows.
/// </summary>
internal static class SearchBenchmark
{
    public sealed record Settings(long Count, ulong Seed, string? DataFolder, int QueriesPerThird, int Rounds);

    private sealed record Round(double[] Api, double[] Fts5);

    public static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        var folder = settings.DataFolder ?? Directory.CreateTempSubdirectory($"healthaccord-search-{settings.Count}-").FullName;
        var data = await SearchDataSet.PrepareAsync(folder, settings.Count, settings.Seed, ct);

        var started = Stopwatch.GetTimestamp();
        var ranks = WordRanks.Count(data.DatabasePath);
        var mix = SearchQueryMix.Build(data.DatabasePath, ranks, settings.QueriesPerThird, settings.Seed);
        var mixFile = Path.Combine(data.Folder, "query-mix.tsv");
        SearchQueryMix.Write(mix, mixFile);
        AnsiConsole.MarkupLine($"[grey]Ranked {ranks.WordCount:N0} words and built {mix.Count} queries in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s ({Markup.Escape(mixFile)})[/]");

        var frequent = mix.Where(q => q.Band == WordBand.MostFrequent).ToList();
        using var fts5 = new Fts5Baseline(data.BaselinePath);
        await using var app = await AppProcess.StartAsync(data.DatabasePath, ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await CheckIndexHoldsEveryGrantAsync(client, data.Count, ct);

        // The warm-up pass also checks every answer, so a run never times errors or empty results.
        AnsiConsole.MarkupLine("[grey]Warm-up: every query twice through the API and the baseline, answers checked the first time[/]");
        var apiTotals = new int[mix.Count];
        for (var i = 0; i < mix.Count; i++) apiTotals[i] = await CheckedTotalAsync(client, mix[i], ct);
        var fts5Totals = frequent.Select(q => fts5.Search(q.Fts5Match).Total).ToArray();
        // A second, unmeasured pass: .NET recompiles hot methods with full optimisation in the background a while
        // after their first calls, which otherwise lands in the first measured round.
        foreach (var query in mix) await TimeApiAsync(client, query, ct);
        foreach (var query in frequent) fts5.Search(query.Fts5Match);

        var rounds = new List<Round>();
        for (var r = 0; r < settings.Rounds; r++)
        {
            AnsiConsole.MarkupLine($"[grey]Round {r + 1}/{settings.Rounds}: {mix.Count} API requests, then {frequent.Count} FTS5 queries[/]");
            var api = new double[mix.Count];
            for (var i = 0; i < mix.Count; i++) api[i] = await TimeApiAsync(client, mix[i], ct);
            var baseline = new double[frequent.Count];
            for (var i = 0; i < frequent.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                fts5.Search(frequent[i].Fts5Match);
                baseline[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            rounds.Add(new Round(api, baseline));
        }

        Report(settings, data, mix, rounds, apiTotals, fts5Totals);
        if (settings.DataFolder is null) Console.WriteLine($"The data set is kept in {data.Folder}; pass --data {data.Folder} to measure it again without rebuilding.");
        return 0;
    }

    /// <summary>An index still being written (or rebuilt in the background at start) would make every search look cheap.</summary>
    private static async Task CheckIndexHoldsEveryGrantAsync(HttpClient client, long count, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/grants?pageSize=1&facetLimit=0", ct));
        var total = json.RootElement.GetProperty("total").GetInt64();
        if (total != count) throw new InvalidOperationException($"The search index holds {total:N0} grants, the database {count:N0}: run the app's reindex verb on the data folder.");
    }

    private static async Task<int> CheckedTotalAsync(HttpClient client, SearchQuery query, CancellationToken ct)
    {
        using var response = await client.GetAsync(query.ApiPath, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{query.ApiPath} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var total = json.RootElement.GetProperty("total").GetInt32();
        var funders = json.RootElement.GetProperty("facets").GetProperty("funder").EnumerateArray().ToList();
        var selected = funders.SingleOrDefault(f => f.GetProperty("selected").GetBoolean() && f.GetProperty("value").GetString() == query.Funder);
        // The query was built from a grant with these words, this funder and this year, so it must find something.
        if (total < 1 || selected.ValueKind == JsonValueKind.Undefined || selected.GetProperty("count").GetInt32() < 1)
            throw new InvalidOperationException($"{query.ApiPath} found {total} grants or lacks its funder's facet count: {body[..Math.Min(body.Length, 500)]}");
        return total;
    }

    private static async Task<double> TimeApiAsync(HttpClient client, SearchQuery query, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(query.ApiPath, HttpCompletionOption.ResponseContentRead, ct);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{query.ApiPath} answered {(int)response.StatusCode}.");
        return elapsed;
    }

    private static void Report(Settings settings, SearchDataSet data, IReadOnlyList<SearchQuery> mix, List<Round> rounds, int[] apiTotals, long[] fts5Totals)
    {
        (double P50, double P95) Stats(IEnumerable<double> samples)
        {
            var sorted = samples.Order().ToArray();
            return (Measure.Percentile(sorted, 0.5), Measure.Percentile(sorted, 0.95));
        }
        // Each figure is the median over the rounds of that round's percentile.
        (double P50, double P95) Over(Func<Round, IEnumerable<double>> pick)
        {
            var perRound = rounds.Select(r => Stats(pick(r))).ToList();
            return (Measure.Median(perRound.Select(s => s.P50)), Measure.Median(perRound.Select(s => s.P95)));
        }
        IEnumerable<double> Band(Round r, WordBand band) => r.Api.Where((_, i) => mix[i].Band == band);
        int MedianTotal(WordBand? band) => (int)Measure.Median(apiTotals.Where((_, i) => band is null || mix[i].Band == band).Select(t => (double)t));

        var all = Over(r => r.Api);
        var top = Over(r => Band(r, WordBand.MostFrequent));
        var baseline = Over(r => r.Fts5);
        var perThird = mix.Count / 3;
        var table = new Table().AddColumns("Queries", "Count", "p50 ms", "p95 ms", "Median matches");
        table.AddRow("API, whole mix", mix.Count.ToString(CultureInfo.InvariantCulture), F(all.P50), F(all.P95), MedianTotal(null).ToString("N0", CultureInfo.InvariantCulture));
        foreach (var (band, label) in new[] { (WordBand.MostFrequent, "API, 100 most frequent words"), (WordBand.Middle, "API, ranks 101–1,000"), (WordBand.Rare, "API, ranks after 1,000") })
        {
            var s = Over(r => Band(r, band));
            table.AddRow(label, perThird.ToString(CultureInfo.InvariantCulture), F(s.P50), F(s.P95), MedianTotal(band).ToString("N0", CultureInfo.InvariantCulture));
        }
        table.AddRow("FTS5, 100 most frequent words (no facets)", perThird.ToString(CultureInfo.InvariantCulture), F(baseline.P50), F(baseline.P95),
            Measure.Median(fts5Totals.Select(t => (double)t)).ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Most frequent third: FTS5 p50 / API p50 = {baseline.P50 / top.P50:F1}x, p95 / p95 = {baseline.P95 / top.P95:F1}x. " +
            $"Targets: API p50 <= 10 ms ({(all.P50 <= 10 ? "met" : "missed")}), p95 <= 50 ms ({(all.P95 <= 50 ? "met" : "missed")}), ratio >= 10x ({(baseline.P50 / top.P50 >= 10 ? "met" : "missed")})."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Per round (API p50/p95 | FTS5 p50/p95 ms): {string.Join("; ", rounds.Select(r => { var a = Stats(r.Api); var b = Stats(r.Fts5); return $"{F(a.P50)}/{F(a.P95)} | {F(b.P50)}/{F(b.P95)}"; }))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data.Count:N0} grants (seed {settings.Seed}) in {data.Folder}; {settings.Rounds} rounds after two warm-up passes; sequential keep-alive requests over loopback; medians over rounds of each round's percentiles."));
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
