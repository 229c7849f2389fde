using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Cli;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The reindex verb, run in this process against the database of a running app, as an operator would run it beside
/// the server: it writes a new generation, and the server notices and switches to it.
/// </summary>
public sealed class GrantReindexCommandTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_reindex_verb_rebuilds_the_index_and_the_running_app_switches_to_it()
    {
        var index = factory.Services.GetRequiredService<GrantIndex>();
        var client = factory.CreateClient();
        var ids = new List<long>();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            foreach (var title in new[] { "Schistosomiasis in school children", "Schistosomiasis snail control" })
                ids.Add((await new GrantBuilder($"CLI-{ids.Count}", title).Funder("Reindex Trust", "GB").SaveAsync(db, Ct)).Id);
        }
        await index.IndexGrantsAsync(ids, Ct);
        index.DeleteGrants(ids);
        var before = File.ReadAllText(Path.Combine(index.Folder, "current"));

        var exit = await HealthAccordCli.RunAsync(["reindex", $"--ConnectionStrings:HealthAccord=Data Source={factory.DatabasePath}"]);

        Assert.Equal(0, exit);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(index.Folder, "current")));
        var page = await (await client.GetAsync("/api/v1/grants?q=schistosomiasis", Ct)).ReadJsonObjectAsync();
        Assert.Equal(ids, page["items"]!.AsArray().Select(i => (long)i!["id"]!).Order());
        // Having switched, the app removed the generation it had been using.
        Assert.False(Directory.Exists(Path.Combine(index.Folder, before)));
    }

    [Fact]
    public async Task A_writer_count_below_one_is_refused_before_anything_is_rebuilt()
    {
        var index = factory.Services.GetRequiredService<GrantIndex>();
        string[] Generations() => Directory.Exists(index.Folder) ? Directory.GetDirectories(index.Folder, "gen-*") : [];
        var before = Generations();

        var exit = await HealthAccordCli.RunAsync(["reindex", $"--ConnectionStrings:HealthAccord=Data Source={factory.DatabasePath}", "--Search:RebuildWriters=0"]);

        Assert.Equal(2, exit);
        Assert.Equal(before, Generations());
    }
}
