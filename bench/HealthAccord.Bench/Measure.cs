using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthAccord.Bench;

/// <summary>Timing helpers: sequential latency samples and wrk throughput runs.</summary>
internal static partial class Measure
{
    public sealed record Latency(double MedianMs, double P95Ms, int Samples);

    public static async Task<Latency> SequentialAsync(HttpClient client, string url, int count, CancellationToken ct)
    {
        for (var i = 0; i < Math.Min(50, count); i++) (await client.GetAsync(url, ct)).EnsureSuccessStatusCode();
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
            response.EnsureSuccessStatusCode();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return new Latency(Percentile(samples, 0.5), Percentile(samples, 0.95), count);
    }

    public static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    /// <summary>Runs wrk against a loopback URL and returns requests per second.</summary>
    public static async Task<double> WrkAsync(string url, int seconds, int connections, CancellationToken ct)
    {
        var info = new ProcessStartInfo("wrk", $"-t2 -c{connections} -d{seconds}s --latency {url}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start; install it with apt-get install wrk.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var match = RequestsPerSecond().Match(output);
        if (!match.Success) throw new InvalidOperationException($"wrk printed no rate:\n{output}{await process.StandardError.ReadToEndAsync(ct)}");
        if (output.Contains("Non-2xx", StringComparison.Ordinal)) throw new InvalidOperationException($"wrk saw error responses from {url}:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
