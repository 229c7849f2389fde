using System.Globalization;
using Spectre.Console;

namespace HealthAccord.Bench;

/// <summary>
/// The registry's read paths under load: the partnership page and the partnership list API, each measured by
/// sequential round trips (median, p95) and by wrk throughput, beside nginx serving a saved copy of the same page.
/// </summary>
internal static class RegistryBenchmark
{
    public sealed record Settings(int Requests, int Duration, int Runs, int Connections);

    public static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        // The app as shipped (responses cached until a write) and with the cache off, so both the everyday figure
        // and the cost of a cache miss (the first read after an edit) are on record.
        await using var app = await AppProcess.StartAsync(ct);
        await using var uncached = await AppProcess.StartAsync(ct, "--Caching:Seconds=0");
        using var client = new HttpClient();
        var page = await client.GetByteArrayAsync(app.BaseUrl + "/partnerships/glopid-r", ct);
        await using var nginx = await NginxBaseline.StartAsync("glopid-r.html", page, ct);

        var targets = new (string Name, string Url)[]
        {
            ("Page /partnerships/glopid-r", app.BaseUrl + "/partnerships/glopid-r"),
            ("Page, cache off", uncached.BaseUrl + "/partnerships/glopid-r"),
            ("API GET /api/v1/partnerships", app.BaseUrl + "/api/v1/partnerships"),
            ("API, cache off", uncached.BaseUrl + "/api/v1/partnerships"),
            ("nginx, static copy of the page", nginx.Url),
        };

        var latencies = new List<Measure.Latency>();
        foreach (var (name, url) in targets)
        {
            AnsiConsole.MarkupLine($"[grey]latency: {Markup.Escape(name)}[/]");
            latencies.Add(await Measure.SequentialAsync(client, url, settings.Requests, ct));
        }

        // Interleave targets run by run so a noisy neighbour affects all of them alike.
        var rates = targets.Select(_ => new List<double>()).ToArray();
        for (var run = 0; run < settings.Runs; run++)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                AnsiConsole.MarkupLine($"[grey]wrk run {run + 1}/{settings.Runs}: {Markup.Escape(targets[t].Name)}[/]");
                rates[t].Add(await Measure.WrkAsync(targets[t].Url, settings.Duration, settings.Connections, ct));
            }
        }

        var nginxRate = Measure.Median(rates[^1]);
        var table = new Table().AddColumns("Target", "Median ms", "p95 ms", "Requests/s (median)", "vs nginx");
        for (var t = 0; t < targets.Length; t++)
        {
            var rate = Measure.Median(rates[t]);
            table.AddRow(Markup.Escape(targets[t].Name), F(latencies[t].MedianMs, 2), F(latencies[t].P95Ms, 2), F(rate, 0), F(rate / nginxRate, 2) + "x");
        }
        AnsiConsole.Write(table);
        Console.WriteLine();
        Console.WriteLine($"Latency: {settings.Requests} sequential keep-alive requests per target over loopback. Throughput: wrk -t2 -c{settings.Connections} -d{settings.Duration}s, {settings.Runs} interleaved runs per target, median shown; all rates: {string.Join(" | ", targets.Select((x, i) => $"{x.Name}: {string.Join(", ", rates[i].Select(r => F(r, 0)))}"))}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        return 0;
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
