using System.Diagnostics;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Transfer;

/// <summary>
/// The built executable, run as an operator runs it (`dotnet HealthAccord.Web.dll VERB ...`), to prove the verbs are
/// wired to the code the other transfer tests call directly. Each run starts a process, so there are only two.
/// </summary>
public sealed class CliTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The web app's dll: copied next to the tests by the project reference, else in its own build output.</summary>
    private static string WebDll()
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

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var dll = WebDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
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

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var (exitCode, output, errors) = await RunAsync("--help");

        Assert.True(exitCode == 0, $"--help exited with {exitCode}: {errors}");
        foreach (var verb in new[] { "serve", "migrate", "seed", "export", "import" })
            Assert.Matches($@"(?m)^\s+{verb}\b", output);
    }

    [Fact]
    public async Task The_export_verb_writes_the_registry_of_the_database_it_is_pointed_at()
    {
        var file = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "cli-export.json");
        JsonObject expected;
        using (var scope = factory.Services.CreateScope())
        {
            var document = await RegistryExport.CreateAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>(), Ct);
            using var stream = new MemoryStream();
            await RegistryExport.WriteAsync(document, stream, Ct);
            expected = JsonNode.Parse(stream.ToArray())!.AsObject();
        }

        var (exitCode, _, errors) = await RunAsync("export", "-o", file, "--Database:Provider=Sqlite",
            $"--ConnectionStrings:HealthAccord=Data Source={factory.DatabasePath}");

        Assert.True(exitCode == 0, $"export exited with {exitCode}: {errors}");
        Assert.Contains("Wrote 10 partnerships", errors, StringComparison.Ordinal);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!.AsObject();
        Assert.Equal(10, written["partnerships"]!.AsArray().Count);
        written.Remove("exportedAt");
        expected.Remove("exportedAt");
        Assert.Equal(expected.ToJsonString(), written.ToJsonString());
    }
}
