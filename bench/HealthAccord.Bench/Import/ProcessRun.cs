using System.Diagnostics;
using System.Globalization;

namespace HealthAccord.Bench.Import;

/// <summary>
/// A command run to completion under <c>/usr/bin/time</c>, which reports the child's peak resident set (the
/// kernel's maximum RSS for the process, as VmHWM shows while it runs) and its CPU time; wall time is measured here,
/// from start to exit.
/// </summary>
internal sealed record ProcessRun(TimeSpan Wall, double PeakMb, double CpuSeconds, string Output)
{
    private const string TimeBinary = "/usr/bin/time";

    public static async Task<ProcessRun> TimedAsync(string program, IEnumerable<string> arguments, string workingDirectory, CancellationToken ct,
        IDictionary<string, string>? environment = null)
    {
        if (!File.Exists(TimeBinary)) throw new InvalidOperationException("/usr/bin/time is missing: apt-get install time.");
        var usage = Path.Combine(workingDirectory, $"usage-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo(TimeBinary)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-f", "%M %U %S", "-o", usage, program }.Concat(arguments)) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        watch.Stop();
        var text = await output;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}\n{await errors}");

        var fields = (await File.ReadAllTextAsync(usage, ct)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        File.Delete(usage);
        var peakKb = double.Parse(fields[^3], CultureInfo.InvariantCulture);
        var cpu = double.Parse(fields[^2], CultureInfo.InvariantCulture) + double.Parse(fields[^1], CultureInfo.InvariantCulture);
        return new ProcessRun(watch.Elapsed, peakKb / 1024, cpu, text);
    }
}
