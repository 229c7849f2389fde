using System.Text.RegularExpressions;

namespace HealthAccord.Bench.Import;

/// <summary>
/// The app's <c>import</c> verb as an operator runs it: its Release build in a process of its own, on a fresh SQLite
/// database with the search index beside it, so the time includes start-up, migrations and both commits.
/// </summary>
internal static partial class AppImportRun
{
    public static async Task<(ProcessRun Run, string Stages)> RunAsync(string folder, string jsonPath, long expected, CancellationToken ct)
    {
        var dll = Path.Combine(AppProcess.RepositoryRoot(), "src", "HealthAccord.Web", "bin", "Release", "net10.0", "HealthAccord.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: run `dotnet build -c Release src/HealthAccord.Web` first (the bench's own build does it).");
        var run = await ProcessRun.TimedAsync("dotnet",
            [dll, "import", jsonPath, "--format", "360giving-json", $"--ConnectionStrings:HealthAccord=Data Source={Path.Combine(folder, "app.db")}",
                "--Logging:LogLevel:Default=Warning"],
            folder, ct, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        // A run that stored fewer grants than the file holds must not pass for a fast one.
        var imported = ImportedLine().Match(run.Output);
        if (!imported.Success || long.Parse(imported.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != expected)
            throw new InvalidOperationException($"The app did not import {expected} new grants:\n{run.Output}");
        if (!run.Output.Contains($"Search index updated: {expected} grant(s).", StringComparison.Ordinal))
            throw new InvalidOperationException($"The app did not index {expected} grants:\n{run.Output}");
        var stages = StagesLine().Match(run.Output);
        return (run, stages.Success ? stages.Groups[1].Value : "");
    }

    [GeneratedRegex(@"Imported .*?: (\d+) new,")]
    private static partial Regex ImportedLine();

    [GeneratedRegex(@"(?m)^Time: (.*)\.$")]
    private static partial Regex StagesLine();
}
