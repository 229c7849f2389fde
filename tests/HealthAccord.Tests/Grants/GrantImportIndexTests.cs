using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// An import writes the search index in the same pass and commits it with the database: what it stored is found
/// at once, and an import that is refused or stopped half way leaves neither the database nor the index with any
/// of its grants. Searched through the app's own API. Each test uses a funder name of its own.
/// </summary>
public sealed class GrantImportIndexTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GrantIndex Index => factory.Services.GetRequiredService<GrantIndex>();

    private static string UniqueFunder() => "Import Funder " + Guid.NewGuid().ToString("N")[..10];

    /// <summary><paramref name="count"/> valid grants funded by <paramref name="funder"/>, with identifiers of their own.</summary>
    private static JsonObject[] Grants(string funder, int count, string title = "Community health workers for malaria follow-up") =>
    [
        .. Enumerable.Range(1, count).Select(i =>
        {
            var grant = GrantFiles.ValidGrant($"{funder}-{i}");
            grant["title"] = title;
            grant["fundingOrganization"] = new JsonArray(new JsonObject { ["id"] = "GB-CHC-" + funder[^10..], ["name"] = funder });
            return grant;
        }),
    ];

    private Task<GrantImportOutcome> ImportAsync(JsonObject[] grants) => ImportAsync(grants, null, Ct);

    private async Task<GrantImportOutcome> ImportAsync(JsonObject[] grants, IProgress<int>? progress, CancellationToken ct, GrantIndex? index = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), factory.Clock, index ?? Index);
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(GrantFiles.Package(grants))),
            new GrantReadOptions { DatasetName = "index-test.json" }, ct);
        return await importer.ImportAsync(rows, new GrantImportOptions("index-test.json", "360giving-json", _ => Task.FromResult("test"), SkipInvalid: false), progress, ct);
    }

    private async Task<int> SearchTotalAsync(string funder, string query = "")
    {
        var page = await (await factory.CreateClient().GetAsync($"/api/v1/grants?funder={Uri.EscapeDataString(funder)}{query}", Ct)).ReadJsonObjectAsync();
        return (int)page["total"]!;
    }

    private async Task<int> StoredAsync(string funder)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.Grants.CountAsync(g => g.Identifier.StartsWith(funder), Ct);
    }

    [Fact]
    public async Task Imported_grants_are_found_by_search_as_soon_as_the_import_returns()
    {
        var funder = UniqueFunder();

        var outcome = await ImportAsync(Grants(funder, 3));

        Assert.True(outcome.Succeeded);
        Assert.Equal(3, outcome.GrantsIndexed);
        Assert.Null(outcome.IndexProblem);
        Assert.Equal(3, await SearchTotalAsync(funder));
        Assert.Equal(3, await SearchTotalAsync(funder, "&q=malaria"));
    }

    [Fact]
    public async Task A_changed_grant_is_found_by_its_new_words_only_and_unchanged_ones_are_not_rewritten()
    {
        var funder = UniqueFunder();
        await ImportAsync(Grants(funder, 2));
        var next = Grants(funder, 2);
        next[1]["title"] = "Community health workers for dengue follow-up";

        var outcome = await ImportAsync(next);

        Assert.Equal((1, 1, 1), (outcome.GrantsUpdated, outcome.GrantsUnchanged, outcome.GrantsIndexed));
        Assert.Equal(2, await SearchTotalAsync(funder));
        Assert.Equal(1, await SearchTotalAsync(funder, "&q=dengue"));
        Assert.Equal(1, await SearchTotalAsync(funder, "&q=malaria"));
    }

    [Fact]
    public async Task A_refused_file_leaves_nothing_in_the_index_or_the_database()
    {
        var funder = UniqueFunder();
        var grants = Grants(funder, 1200);
        grants[^1]["amountAwarded"] = -5;

        var outcome = await ImportAsync(grants);

        Assert.False(outcome.Succeeded);
        Assert.Equal(0, await StoredAsync(funder));
        Assert.Equal(0, await SearchTotalAsync(funder));
    }

    [Fact]
    public async Task An_import_stopped_half_way_rolls_back_the_index_with_the_database_and_the_next_import_works()
    {
        var funder = UniqueFunder();
        var countBefore = Index.Count;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Progress comes every 1,000 rows, by which time the first batches have gone to the database and the index.
        var progress = new CallbackProgress(_ => stop.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(Grants(funder, 2500), progress, stop.Token));

        Assert.Equal(0, await StoredAsync(funder));
        Assert.Equal(0, await SearchTotalAsync(funder));
        Assert.Equal(countBefore, Index.Count);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await command.ExecuteScalarAsync(Ct));
        }

        var again = await ImportAsync(Grants(funder, 5));
        Assert.Equal(5, again.GrantsImported);
        Assert.Equal(5, await SearchTotalAsync(funder));
    }

    [Fact]
    public async Task An_index_that_neither_maps_its_files_nor_warms_its_searchers_takes_an_import_the_same_way()
    {
        // The import verb's own index: a folder of its own here, so it does not contend with the app's writer.
        var folder = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "unmapped-index-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Search:IndexPath"] = folder }).Build();
        using var unmapped = ActivatorUtilities.CreateInstance<GrantIndex>(factory.Services, configuration);
        unmapped.MapFiles = false;
        unmapped.WarmSearchers = false;
        var funder = UniqueFunder();

        var outcome = await ImportAsync(Grants(funder, 4), null, Ct, unmapped);

        Assert.Equal(4, outcome.GrantsIndexed);
        Assert.Equal(4, unmapped.Count);
        Assert.Equal(folder, Path.GetDirectoryName(Path.GetDirectoryName(
            Directory.GetFiles(folder, "segments_*", SearchOption.AllDirectories).Single())));
        // Without warming, a facet's values are copied when first asked for rather than when the searcher opened.
        using var lease = unmapped.AcquireSearcher();
        var funders = lease.Searcher.IndexReader.Leaves
            .Select(leaf => SegmentOrdinals.For(leaf.AtomicReader, GrantFacet.Funder.Field))
            .OfType<SegmentOrdinals>()
            .SelectMany(ordinals => ordinals.Values);
        Assert.Contains(funder, funders);
    }

    /// <summary>Calls back on the importing thread, at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class CallbackProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
