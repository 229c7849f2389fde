using System.Diagnostics;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>
/// The built web executable run as an operator runs it (`dotnet HealthAccord.Web.dll VERB ...`), optionally fed
/// standard input, with its output captured.
/// </summary>
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

    /// <summary>Runs in the test output folder, feeding <paramref name="standardInput"/> when given.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string? standardInput, params string[] args)
    {
        var result = await RunAsync(AppContext.BaseDirectory, standardInput, quiet: false, args);
        return (result.ExitCode, result.Output, result.Errors);
    }

    /// <summary>Runs in <paramref name="workingDirectory"/> with the app's log at Warning: the tests read the report, not the log.</summary>
    public static Task<Result> RunInAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, standardInput: null, quiet: true, args);

    private static async Task<Result> RunAsync(string workingDirectory, string? standardInput, bool quiet, string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(WebDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (quiet) start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput.AsMemory(), ct);
        process.StandardInput.Close();
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
