using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>Rebuilds in batches of two, so a rebuild of a handful of grants has several batches to be stopped between.</summary>
public sealed class SmallBatchGrantFactory : HealthAccordFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:RebuildBatchSize", "2");
    }
}

/// <summary>
/// Keeping the index and the database in step: updates, rows deleted behind the index's back, rebuilds that finish
/// and rebuilds that do not, and the reindex verb. Each test creates grants under a funder name of its own and
/// searches only for that funder, so the tests do not see each other's grants.
/// </summary>
public sealed class GrantIndexMaintenanceTests(SmallBatchGrantFactory factory) : IClassFixture<SmallBatchGrantFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private GrantIndex Index => factory.Services.GetRequiredService<GrantIndex>();

    private async Task<List<long>> CreateAsync(string funder, params string[] titles)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var ids = new List<long>();
        foreach (var title in titles)
        {
            var grant = await new GrantBuilder($"{funder}-{ids.Count + 1}", title).Funder(funder, "GB").Recipient("Maintenance University", "GB").SaveAsync(db, Ct);
            ids.Add(grant.Id);
        }
        return ids;
    }

    private async Task<JsonObject> ByFunderAsync(string funder, string extra = "") =>
        await (await _client.GetAsync($"/api/v1/grants?funder={Uri.EscapeDataString(funder)}{extra}", Ct)).ReadJsonObjectAsync();

    private static List<long> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();

    private async Task DeleteRowAsync(long id)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        Assert.Equal(1, await db.Grants.Where(g => g.Id == id).ExecuteDeleteAsync(Ct));
    }

    private static string UniqueFunder() => "Funder " + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public void The_index_lives_in_grants_index_beside_the_database_file()
    {
        Assert.Equal(Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "grants-index"), Index.Folder);
    }

    [Fact]
    public async Task A_grant_deleted_from_the_database_never_appears_in_results_and_leaves_the_index()
    {
        var funder = UniqueFunder();
        var ids = await CreateAsync(funder, "Cholera water supply", "Cholera vaccine cold chain", "Cholera surveillance by phone");
        await Index.IndexGrantsAsync(ids, Ct);
        Assert.Equal(3, (int)(await ByFunderAsync(funder))["total"]!);
        var droppedBefore = Index.StaleHitsDropped;

        await DeleteRowAsync(ids[1]);
        var page = await ByFunderAsync(funder);

        Assert.Equal([ids[0], ids[2]], Ids(page).Order());
        Assert.Equal(2, (int)page["total"]!);
        Assert.Equal(droppedBefore + 1, Index.StaleHitsDropped);
        // The hit was removed from the index, so the next search counts it nowhere.
        var next = await ByFunderAsync(funder, "&q=cholera");
        Assert.Equal(2, (int)next["total"]!);
        Assert.Equal(2, (int)next["facets"]!["funder"]!.AsArray().Single(v => (string)v!["value"]! == funder)!["count"]!);
        Assert.Equal(404, (int)(await _client.GetAsync($"/api/v1/grants/{ids[1]}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_search_page_is_not_cached_so_it_shows_the_index_as_it_is_now()
    {
        var funder = UniqueFunder();
        var ids = await CreateAsync(funder, "Rabies dog vaccination", "Rabies post-exposure care");
        await Index.IndexGrantsAsync(ids, Ct);
        var path = $"/grants?funder={Uri.EscapeDataString(funder)}";
        Assert.Contains("2 grants match", await _client.GetStringAsync(path, Ct), StringComparison.Ordinal);

        await DeleteRowAsync(ids[0]);

        Assert.Contains("1 grant matches", await _client.GetStringAsync(path, Ct), StringComparison.Ordinal);
        Assert.Equal(404, (int)(await _client.GetAsync($"/grants/{ids[0]}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Facet_counts_over_every_grant_follow_each_write()
    {
        var funder = UniqueFunder();
        async Task<int?> CountOfFunderAsync(string query)
        {
            var page = await (await _client.GetAsync("/api/v1/grants?facetLimit=100" + query, Ct)).ReadJsonObjectAsync();
            return page["facets"]!["funder"]!.AsArray().Where(v => (string)v!["value"]! == funder).Select(v => (int?)(int)v!["count"]!).SingleOrDefault();
        }
        Assert.Null(await CountOfFunderAsync(""));

        var ids = await CreateAsync(funder, "Hookworm vaccine", "Hookworm in schools");
        await Index.IndexGrantsAsync(ids, Ct);
        Assert.Equal(2, await CountOfFunderAsync(""));
        Assert.Equal(2, await CountOfFunderAsync($"&funder={Uri.EscapeDataString(funder)}"));

        Index.DeleteGrants([ids[0]]);
        Assert.Equal(1, await CountOfFunderAsync(""));
        Assert.Equal(1, await CountOfFunderAsync($"&funder={Uri.EscapeDataString(funder)}"));
    }

    [Fact]
    public async Task The_unfiltered_newest_first_list_follows_each_write()
    {
        var funder = UniqueFunder();
        var older = await CreateAsync(funder, "Awarded in 2024 like the builder's default");
        await Index.IndexGrantsAsync(older, Ct);
        long future;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            future = (await new GrantBuilder($"{funder}-future", "Awarded after every other grant").Funder(funder, "GB")
                .Awarded(new DateOnly(2099, 1, 1)).SaveAsync(db, Ct)).Id;
        }
        async Task<(long First, int Total)> NewestAsync()
        {
            var page = await (await _client.GetAsync("/api/v1/grants?pageSize=1", Ct)).ReadJsonObjectAsync();
            return ((long)page["items"]![0]!["id"]!, (int)page["total"]!);
        }
        var before = await NewestAsync();
        Assert.NotEqual(future, before.First);

        await Index.IndexGrantsAsync([future], Ct);
        Assert.Equal((future, before.Total + 1), await NewestAsync());

        Index.DeleteGrants([future]);
        Assert.Equal(before, await NewestAsync());
    }

    [Fact]
    public async Task Indexing_a_grant_again_replaces_its_document_and_indexing_a_deleted_one_removes_it()
    {
        var funder = UniqueFunder();
        var ids = await CreateAsync(funder, "Leprosy case finding", "Leprosy drug trial");
        await Index.IndexGrantsAsync(ids, Ct);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            await db.Grants.Where(g => g.Id == ids[0]).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Title, "Buruli ulcer case finding").SetProperty(g => g.Description, "Research on Buruli ulcer."), Ct);
        }
        await DeleteRowAsync(ids[1]);

        var update = await Index.IndexGrantsAsync(ids, Ct);

        Assert.Equal(new GrantIndexUpdate(Indexed: 1, Removed: 1), update);
        Assert.Equal([ids[0]], Ids(await ByFunderAsync(funder, "&q=buruli")));
        Assert.Empty(Ids(await ByFunderAsync(funder, "&q=leprosy")));
        Assert.Equal(1, (int)(await ByFunderAsync(funder))["total"]!);
    }

    [Fact]
    public async Task A_rebuild_restores_grants_the_index_had_lost_and_keeps_one_generation()
    {
        var funder = UniqueFunder();
        var ids = await CreateAsync(funder, "Yaws eradication", "Yaws diagnostics", "Yaws in the Pacific", "Yaws and azithromycin", "Yaws mapping");
        await Index.IndexGrantsAsync(ids, Ct);
        Index.DeleteGrants(ids);
        Assert.Equal(0, (int)(await ByFunderAsync(funder))["total"]!);
        var reports = new List<GrantIndexProgress>();

        var rebuilt = await Index.RebuildAsync(new SynchronousProgress(reports.Add), Ct);

        Assert.Equal(ids, Ids(await ByFunderAsync(funder, "&sort=date-asc")).Order());
        Assert.Equal(Index.Count, rebuilt.Indexed);
        // Batches of two: progress after every batch, ending at the total.
        Assert.True(reports.Count >= 3, $"Only {reports.Count} progress reports.");
        Assert.Equal(reports[^1].Total, reports[^1].Done);
        Assert.Single(Directory.GetDirectories(Index.Folder, "gen-*"));
        Assert.Equal(Path.GetFileName(rebuilt.Folder), File.ReadAllText(Path.Combine(Index.Folder, "current")));
    }

    [Fact]
    public async Task A_rebuild_that_is_stopped_leaves_the_old_index_serving_and_no_new_folder()
    {
        var funder = UniqueFunder();
        var ids = await CreateAsync(funder, "Trachoma surgery", "Trachoma mass treatment", "Trachoma face washing");
        await Index.IndexGrantsAsync(ids, Ct);
        Index.DeleteGrants([ids[2]]);
        var before = File.ReadAllText(Path.Combine(Index.Folder, "current"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Index.RebuildAsync(new SynchronousProgress(p => { if (p.Done > 0) stop.Cancel(); }), stop.Token));

        Assert.Equal(before, File.ReadAllText(Path.Combine(Index.Folder, "current")));
        Assert.Equal([before], Directory.GetDirectories(Index.Folder, "gen-*").Select(Path.GetFileName));
        // Still the old index: the grant it had lost is still missing, the others are found.
        Assert.Equal([ids[0], ids[1]], Ids(await ByFunderAsync(funder)).Order());
    }

    [Fact]
    public async Task A_grant_reindexed_while_a_rebuild_reads_the_database_is_current_in_the_rebuilt_index()
    {
        var funder = UniqueFunder();
        var ids = await CreateAsync(funder, "Onchocerciasis elimination");
        await Index.IndexGrantsAsync(ids, Ct);
        var changed = false;

        // The last progress report comes after the rebuild has read this grant: a change made and indexed then is
        // only in the new index if the rebuild catches up before it switches.
        await Index.RebuildAsync(new SynchronousProgress(p =>
        {
            if (changed || p.Done == 0 || p.Done < p.Total) return;
            changed = true;
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            db.Grants.Where(g => g.Id == ids[0]).ExecuteUpdate(s => s
                .SetProperty(g => g.Title, "River blindness elimination").SetProperty(g => g.Description, "Research on river blindness."));
            Index.IndexGrantsAsync(ids, Ct).GetAwaiter().GetResult();
        }), Ct);

        Assert.True(changed);
        Assert.Equal(ids, Ids(await ByFunderAsync(funder, "&q=blindness")));
        Assert.Empty(Ids(await ByFunderAsync(funder, "&q=onchocerciasis")));
    }

    /// <summary>Calls back on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    internal sealed class SynchronousProgress(Action<GrantIndexProgress> report) : IProgress<GrantIndexProgress>
    {
        public void Report(GrantIndexProgress value) => report(value);
    }
}
