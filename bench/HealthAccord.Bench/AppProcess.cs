using System.Diagnostics;

namespace HealthAccord.Bench;

/// <summary>
/// The web app as users run it: its own process from its own build output, on a fresh database (or a given one), bound
/// to loopback.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    public string BaseUrl { get; }

    /// <summary>The app's process id, for reading its memory from /proc.</summary>
    public int ProcessId => _process.Id;

    private AppProcess(Process process, string folder, string baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public static Task<AppProcess> StartAsync(CancellationToken ct, params string[] extraArgs) => StartAsync(databasePath: null, ct, extraArgs);

    /// <summary>Starts the app on <paramref name="databasePath"/> (its search index beside it), or on a fresh database when null.</summary>
    public static async Task<AppProcess> StartAsync(string? databasePath, CancellationToken ct, params string[] extraArgs)
    {
        var dll = WebDll();
        var folder = Directory.CreateTempSubdirectory("healthaccord-bench-").FullName;
        var baseUrl = $"http://127.0.0.1:{Measure.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dll, "--urls", baseUrl, $"--ConnectionStrings:HealthAccord=Data Source={databasePath ?? Path.Combine(folder, "bench.db")}",
                     "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                     // Load from one loopback address is the point of a benchmark, not abuse to throttle.
                     "--RateLimiting:Api:PerAddressPerMinute=0", "--RateLimiting:Api:PerTokenPerMinute=0" }.Concat(extraArgs))
            info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("The web app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                (await client.GetAsync(baseUrl + "/api/v1/partnerships", ct)).EnsureSuccessStatusCode();
                return new AppProcess(process, folder, baseUrl);
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
                await Task.Delay(200, ct);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The web app did not answer within 60 s.");
    }

    /// <summary>The web app's Release build, which the bench's own Release build produces through its project reference.</summary>
    public static string WebDll()
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "HealthAccord.Web", "bin", "Release", "net10.0", "HealthAccord.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: run `dotnet build -c Release src/HealthAccord.Web` first (the bench's own build does it).");
        return dll;
    }

    /// <summary>The folder holding global.json, found upwards from the bench's build output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "global.json"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from inside the repository.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
