using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Transfer;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task The_import_verb_records_a_registry_import_as_one_change_creating_each_record()
    {
        var file = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "cli-import.json");
        RegistryDocument document;
        using (var scope = factory.Services.CreateScope())
        {
            document = await RegistryExport.CreateAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>(), Ct);
            await using var stream = File.Create(file);
            await RegistryExport.WriteAsync(document, stream, Ct);
        }
        await using var target = await EmptyRegistryDatabase.CreateAsync();
        var connection = $"--ConnectionStrings:HealthAccord=Data Source={target.DatabasePath}";

        var (exitCode, _, errors) = await RunAsync("import", file, "--Database:Provider=Sqlite", connection);
        // A second import is refused (the registry is no longer empty) and must leave no second change behind.
        var (refusedCode, _, _) = await RunAsync("import", file, "--Database:Provider=Sqlite", connection);

        Assert.True(exitCode == 0, $"import exited with {exitCode}: {errors}");
        Assert.Equal(1, refusedCode);
        var changes = await target.UseAsync(db => db.ChangeSets.AsNoTracking().Include(s => s.Records).ToListAsync(Ct));
        var change = Assert.Single(changes);
        Assert.Equal(ChangeSource.Import, change.Source);
        Assert.StartsWith("cli:", change.ActorId, StringComparison.Ordinal);
        Assert.StartsWith("Imported the registry from cli-import.json: Imported 10 partnerships", change.Summary, StringComparison.Ordinal);
        var records = document.Partnerships.Count + document.Organisations.Count + document.Memberships.Count + document.Agreements.Count + document.Goals.Count;
        Assert.Equal(records, change.Records.Count);
        Assert.All(change.Records, r => Assert.Equal(ChangeKind.Created, r.Kind));
        Assert.Contains(change.Records, r => r.RecordType == RecordType.Partnership && r.Label == "GloPID-R");
    }
}
