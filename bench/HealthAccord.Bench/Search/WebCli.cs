using System.Diagnostics;

namespace HealthAccord.Bench.Search;

/// <summary>
/// Runs a verb of the web app's command line (import, reindex) from its Release build, as an operator would. The child
/// writes to this console, so its progress bar and report show as they happen.
/// </summary>
internal static class WebCli
{
    public static async Task RunAsync(string databasePath, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(databasePath)! };
        info.ArgumentList.Add(AppProcess.WebDll());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.ArgumentList.Add($"--ConnectionStrings:HealthAccord=Data Source={databasePath}");
        info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The web app's command line did not start.");
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{string.Join(' ', args)}` exited with {process.ExitCode}; see its report above.");
    }
}
