using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The import verb run as its own process beside a running server that holds the search index: the grants are
/// stored, the verb says the index is in use instead of opening a second writer on it, and the server's index keeps
/// working. (Lucene.NET's default lock let both processes write, and the second deleted the first's new files.)
/// </summary>
public sealed class GrantIndexLockTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_beside_a_running_server_stores_the_grants_and_leaves_the_servers_index_to_it()
    {
        var client = factory.CreateClient();
        // A search opens the server's index writer and keeps it for the app's life.
        await (await client.GetAsync("/api/v1/grants", Ct)).ReadJsonObjectAsync();
        var folder = Path.GetDirectoryName(factory.DatabasePath)!;
        var file = Path.Combine(folder, "beside-server.json");
        var grant = GrantFiles.ValidGrant("LOCK-1");
        grant["title"] = "Onchocerciasis mapping beside a running server";
        await File.WriteAllTextAsync(file, GrantFiles.Package(grant), Ct);

        var result = await CliProcess.RunInAsync(folder, "import", file, "--format", "360giving-json", "--Database:Provider=Sqlite",
            $"--ConnectionStrings:HealthAccord=Data Source={factory.DatabasePath}");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Errors}");
        Assert.Contains("Imported beside-server.json: 1 new", result.Output, StringComparison.Ordinal);
        Assert.Contains("the search index is in use by a running server", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Search index updated", result.Output, StringComparison.Ordinal);
        // The server's writer is intact: it indexes the new grant when asked, and finds it.
        var index = factory.Services.GetRequiredService<GrantIndex>();
        await index.RebuildAsync(ct: Ct);
        var page = await (await client.GetAsync("/api/v1/grants?q=onchocerciasis", Ct)).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
    }
}
