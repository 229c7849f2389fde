using System.Globalization;
using HealthAccord.Web;
using HealthAccord.Web.Data;
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
        var folder = Directory.CreateTempSubdirectory("healthaccord-bench-").FullName;
        var port = Measure.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var app = HealthAccordApp.Build([
            "--urls", baseUrl,
            $"--ConnectionStrings:HealthAccord=Data Source={Path.Combine(folder, "bench.db")}",
            "--Logging:LogLevel:Default=Warning",
            "--environment", "Production",
        ]);
        await DatabaseSetup.PrepareAsync(app.Services, seedRegistry: true, ct);
        await app.StartAsync(ct);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var page = await client.GetByteArrayAsync("/partnerships/glopid-r", ct);
            await using var nginx = await NginxBaseline.StartAsync("glopid-r.html", page, ct);

            var targets = new (string Name, string Url)[]
            {
                ("Partnership page /partnerships/glopid-r", baseUrl + "/partnerships/glopid-r"),
                ("API GET /api/v1/partnerships", baseUrl + "/api/v1/partnerships"),
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
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
