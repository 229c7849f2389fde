using System.Diagnostics;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>The built web executable run as an operator runs it (`dotnet HealthAccord.Web.dll VERB ...`), with its output captured.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>The web app's dll: copied next to the tests by the project reference, else in its own build output.</summary>
    public static string WebDll()
    {
        var candidates = new[] { AppContext.BaseDirectory }
            .Concat(new[] { "Debug", "Release" }.Select(c => Path.Combine(TestPaths.RepoRoot, "src", "HealthAccord.Web", "bin", c, "net10.0")));
        foreach (var folder in candidates)
        {
            var dll = Path.Combine(folder, "HealthAccord.Web.dll");
            if (File.Exists(dll) && File.Exists(Path.Combine(folder, "HealthAccord.Web.runtimeconfig.json"))) return dll;
        }
        throw new InvalidOperationException($"HealthAccord.Web.dll with its runtimeconfig was not found in {string.Join(", ", candidates)}.");
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(WebDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The app logs at Information by default; the tests read the report, not the log.
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output, await errors);
    }
}
