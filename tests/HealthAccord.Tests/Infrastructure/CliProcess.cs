using System.Diagnostics;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>The built web executable run as an operator runs it, `dotnet HealthAccord.Web.dll VERB ...`, optionally fed standard input.</summary>
public static class CliProcess
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string? standardInput, params string[] args)
    {
        var folder = AppContext.BaseDirectory;
        var dll = Path.Combine(folder, "HealthAccord.Web.dll");
        Assert.True(File.Exists(dll) && File.Exists(Path.Combine(folder, "HealthAccord.Web.runtimeconfig.json")), $"No runnable {dll}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        var ct = TestContext.Current.CancellationToken;
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
        return (process.ExitCode, await output, await errors);
    }
}
