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

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) =>
        CliProcess.RunAsync(standardInput: null, args);

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
